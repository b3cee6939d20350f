// Attack (on the reporter, by accident): a phone photo carries in its EXIF where it was taken and
// with which phone; a PNG can carry the same in an eXIf chunk or a text comment. The reporter who
// wants to stay unknown to the family gives away where they stood. It must arrive with its pixels
// only — upright as the reporter saw it — and the reporter must be told before uploading.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { testDatabases } from '../kit/databases.ts';
import { startTestPortal, type TestPortal } from '../kit/portal.ts';
import { PHONE_EXIF, phoneExif, rgbPng, withExifSegment } from '../kit/crafted-files.ts';
import { Reporter } from './upload-journey.ts';

const RED = [230, 20, 20];
const BLUE = [20, 20, 230];

/**
 * 40 × 20 pixels, the left half red, the right half blue, as the sensor saw it; EXIF orientation 6
 * says to turn it 90° clockwise, so it stands 20 wide and 40 tall, red on top.
 */
async function phonePhoto(): Promise<Buffer> {
  const [width, height] = [40, 20];
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set(x < width / 2 ? RED : BLUE, (y * width + x) * 3);
  // sharp only encodes the pixels; the EXIF segment is ours, byte by byte.
  return withExifSegment(await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer(), phoneExif());
}

/** The same in a PNG, with the position in an eXIf chunk and, as some apps write it, in a comment. */
function screenshotWithPosition(): Buffer {
  return rgbPng(30, 10, (x) => [x * 8, 100, 50], [
    ['eXIf', phoneExif()],
    ['tEXt', Buffer.from('Comment\0Tatt ved 59.9132 N 10.7523 E', 'latin1')],
  ]);
}

/** What of the phone and the place can be found in the bytes. */
function traces(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  return [PHONE_EXIF.make, PHONE_EXIF.model, 'Exif\0\0', 'eXIf', '59.9132'].filter((trace) => text.includes(trace));
}

for (const database of testDatabases()) {
  describe(`a photo reaches the caseworker without where and with what it was taken (${database.name})`, () => {
    let portal: TestPortal;
    before(async () => {
      portal = await startTestPortal(database);
    });
    after(async () => {
      await portal?.close();
    });

    test('the crafted files do carry the phone and the place before upload', async () => {
      const photo = await phonePhoto();
      const read = await sharp(photo).metadata();
      assert.deepEqual([read.width, read.height, read.orientation, Boolean(read.exif)], [40, 20, 6, true]);
      assert.deepEqual(traces(photo), [PHONE_EXIF.make, PHONE_EXIF.model, 'Exif\0\0']);
      assert.deepEqual(traces(screenshotWithPosition()), [PHONE_EXIF.make, PHONE_EXIF.model, 'eXIf', '59.9132']);
    });

    test('the reporter is told on the upload field, before choosing a file, that hidden information in pictures is removed', async () => {
      const reporter = await Reporter.atAttachments(portal, { personIndex: 2 });
      const description = /<div data-field="description" id="file-description">([\s\S]*?)<\/div>/.exec(reporter.page.text)?.[1] ?? '';
      assert.match(description, /Bilder sendes uten skjulte opplysninger, som hvor bildet ble tatt og med hvilken telefon\./);
      assert.match(reporter.page.text, /<input[^>]+type="file"[^>]+aria-describedby="file-description"/, 'read with the field by a screen reader');
    });

    test('a phone photo and a PNG arrive without position, phone or EXIF, the photo turned upright', async () => {
      const reporter = await Reporter.atAttachments(portal);
      await reporter.uploadAccepted('IMG_4032.JPG', await phonePhoto());
      await reporter.uploadAccepted('skjermbilde.png', screenshotWithPosition());
      const { files, attachments } = await reporter.send();

      const photo = files['vedlegg/IMG_4032.jpg']!;
      assert.deepEqual(traces(photo), []);
      const read = await sharp(photo).metadata();
      assert.equal(read.format, 'jpeg');
      assert.deepEqual([read.exif, read.xmp, read.iptc, read.icc, read.orientation], [undefined, undefined, undefined, undefined, undefined]);
      // Upright without EXIF: 20 wide, 40 tall, red on top and blue below, as the phone showed it.
      assert.deepEqual([read.width, read.height], [20, 40]);
      const { data, info } = await sharp(photo).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
      const near = (actual: number[], expected: number[]) => actual.every((v, i) => Math.abs(v - expected[i]!) < 40);
      assert.ok(near(pixel(10, 5), RED), `top is red: ${pixel(10, 5)}`);
      assert.ok(near(pixel(10, 34), BLUE), `bottom is blue: ${pixel(10, 34)}`);

      const png = files['vedlegg/skjermbilde.png']!;
      assert.deepEqual(traces(png), []);
      const pngRead = await sharp(png).metadata();
      assert.deepEqual([pngRead.format, pngRead.exif, pngRead.comments], ['png', undefined, undefined]);

      assert.deepEqual(
        attachments.map((a) => [a.fileName, a.cleaned?.removed]),
        [
          ['IMG_4032.jpg', ['metadata']],
          ['skjermbilde.png', ['metadata']],
        ],
      );
    });
  });
}
