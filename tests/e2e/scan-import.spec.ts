import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { jpegPageBytes } from '../support/pdf-images';
import { sampleAdmin } from '../support/office-fixture';
import { expect, expectAccessible, test } from './fixtures';

// File import at the counter, through browser mode's HTTP transport: a page larger than a
// megabyte (a 300 dpi scan often is) goes in whole, a corrupt file beside it is named and
// refused, and the saved dossier holds the imported JPEG's own bytes.

const CARD_QR = '001090012345||Nguyễn Văn An|12051990|Nam|Số 12 phố Đội Cấn, phường Ba Đình, Hà Nội|01082021';

/** Grey noise compresses badly: an A4 page at 150 dpi and quality 95 is about 1.8 MB. */
async function bigJpeg(): Promise<Buffer> {
  const [width, height] = [1240, 1754]; // A4 at 150 dpi
  return sharp(randomBytes(width * height), { raw: { width, height, channels: 1 } })
    .jpeg({ quality: 95 })
    .withMetadata({ density: 150 })
    .toBuffer();
}

test.describe('importing files at the counter', () => {
  test.use({ clockStart: '2026-11-23T02:00:00Z' });

  test('a 1.8 MB page is imported whole and a corrupt file beside it is named', async ({ todayPage, page, host }) => {
    const jpeg = await bigJpeg();
    expect(jpeg.length).toBeGreaterThan(1_500_000);

    await todayPage.open();
    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');

    const workspace = page.getByTestId('scan-workspace');
    const chooser = page.waitForEvent('filechooser');
    await workspace.getByRole('button', { name: 'Chọn tệp…' }).click();
    await (
      await chooser
    ).setFiles([
      { name: 'trang-1.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      { name: 'hong.jpg', mimeType: 'image/jpeg', buffer: jpeg.subarray(0, 2000) },
    ]);
    await expect(workspace.getByRole('alert')).toContainText('hong.jpg');
    await expect(workspace.getByTestId('scan-progress')).toHaveText('1 trang sẽ được lưu.');
    await expectAccessible(page);

    await todayPage.fullName.focus();
    await page.keyboard.press('Enter');
    await expect(todayPage.receiptCode).toHaveText('000.00.06.H56-261123-0001');
    const attachments = (await host.call('dossiers.attachments', { dossier: '000.00.06.H56-261123-0001' })).value as { id: string; pages: number }[];
    expect(attachments).toHaveLength(1);
    const file = (await host.call('dossiers.attachmentFile', { id: attachments[0]!.id })).value as { dataBase64: string };
    const [imported] = await jpegPageBytes(Buffer.from(file.dataBase64, 'base64'));
    expect(imported?.equals(jpeg)).toBe(true);
  });

  test('a file over the limit, or over what one import call can carry, is refused before it is read, saying what to do', async ({ todayPage, page, host }) => {
    // 53 MB of zeros on disk (sparse): over the admin's default limit (50 MB), and just over what
    // one call carries (IMPORT_MAX_FILE_BYTES, 52.5 MB).
    const path = join(host.dataDir, 'quet-300-trang.pdf');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 53_000_000);
    closeSync(fd);
    const importFile = async () => {
      const chooser = page.waitForEvent('filechooser');
      await workspace.getByRole('button', { name: 'Chọn tệp…' }).click();
      await (await chooser).setFiles(path);
    };

    await todayPage.launch();
    await todayPage.login(sampleAdmin.username, sampleAdmin.password);
    await todayPage.goTo('Tiếp nhận');
    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');
    const workspace = page.getByTestId('scan-workspace');
    const refusal = workspace.getByRole('alert');
    // The admin's limit, in the core's own words.
    await importFile();
    await expect(refusal).toHaveText(
      'quet-300-trang.pdf: Tệp "quet-300-trang.pdf" nặng 53,0 MB, vượt giới hạn 50,0 MB. Hãy quét lại với độ phân giải thấp hơn (ví dụ 200 dpi) hoặc chia thành nhiều tệp.',
    );

    // With the limit raised to 100 MB, the transport's bound: the watched folder takes such files.
    const settings = (await host.call('scanning.settings', {})).value as { limits: Record<string, number> };
    expect((await host.call('scanning.updateSettings', { ...settings, limits: { ...settings.limits, maxFileBytes: 100_000_000 } })).ok).toBe(true);
    await page.reload();
    await todayPage.fillCertifiedCopyDossier(CARD_QR, 'Nguyễn Văn An');
    await importFile();
    await expect(refusal).toHaveText(
      'quet-300-trang.pdf: Tệp lớn hơn 52 MB nên không nhập được từ cửa sổ này (tệp chưa được đọc). Hãy chép tệp vào thư mục quét của quầy (quản trị viên biết thư mục này), hoặc tách thành các tệp nhỏ hơn.',
    );
    await expect(workspace.getByTestId('scan-progress')).toHaveText('Bấm Quét, hoặc kéo thả tệp JPEG, PNG, TIFF, PDF vào đây.');
  });
});
