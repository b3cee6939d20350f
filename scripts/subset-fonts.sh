#!/usr/bin/env bash
# Makes the web fonts in src/web/static/fonts from @fontsource/inter (run after upgrading it).
# The latin files keep every character of their unicode-range but only the layout features our
# text uses (kerning, diacritic placement, composed and localised forms); stylistic sets, tabular
# figures and fractions go. That takes each file from 24 KB to 14 KB, for every first visit on
# every phone.
# The latin-ext file (Sámi and other names) is copied as it is; browsers fetch it only when a
# page holds such a letter. Needs Debian's python3-fonttools and python3-brotli.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/@fontsource/inter/files
out=src/web/static/fonts
mkdir -p "$out"
latin='U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD'
for weight in 400 500 600; do
  /usr/bin/python3 -m fontTools.subset "$src/inter-latin-$weight-normal.woff2" --flavor=woff2 \
    --output-file="$out/inter-latin-$weight-normal.woff2" --unicodes="$latin" \
    --layout-features='kern,mark,mkmk,ccmp,locl' --no-hinting --desubroutinize --name-IDs='*' --name-languages='*'
done
cp "$src/inter-latin-ext-400-normal.woff2" "$out/"
cp node_modules/@fontsource/inter/LICENSE "$out/OFL.txt"
ls -l "$out"
