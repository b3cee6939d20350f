// The reporter's side of the upload attacks: walk to the attachments page, upload as a browser does
// (multipart, with the page's CSRF token), send, and open the package the service receives.
import assert from 'node:assert/strict';
import { strFromU8 } from 'fflate';
import { HttpClient, csrfToken, type HttpResponse } from '../kit/http-client.ts';
import { walkPrivateJourneyToAttachments } from '../kit/journey.ts';
import type { TestPortal } from '../kit/portal.ts';
import { assertNoLeak, errorSummaryText, expectPage, openStoredReport, referenceIn } from '../kit/portal-visitors.ts';
import type { AttachmentMeta } from '../../src/domain/report.ts';

export interface DeliveredReport {
  reference: string;
  /** Every file of the package by its path. */
  files: Record<string, Uint8Array>;
  /** The attachments as our structured report (meldeportal.json) describes them. */
  attachments: AttachmentMeta[];
}

export class Reporter {
  private constructor(
    private readonly portal: TestPortal,
    private readonly client: HttpClient,
    /** The page the reporter has in front of them. */
    public page: HttpResponse,
  ) {}

  /** A private person (test person `personIndex`) on the attachments page of a report to `municipality`. */
  static async atAttachments(portal: TestPortal, options: { personIndex?: number; municipality?: string } = {}): Promise<Reporter> {
    const client = new HttpClient(portal.url);
    return new Reporter(portal, client, await walkPrivateJourneyToAttachments(client, options));
  }

  /** Chooses a file and presses "Last opp" (or "Fortsett"); the page is then the list, or the refusal. */
  async upload(name: string, content: Uint8Array, button: 'upload' | 'continue' = 'upload'): Promise<HttpResponse> {
    const form = new FormData();
    form.append('_csrf', csrfToken(this.page.text));
    form.append('action', button);
    form.append('file', new Blob([new Uint8Array(content)]), name);
    const response = await this.client.request('POST', '/meld/vedlegg/last-opp', { body: form });
    this.page = response.status === 303 ? await this.client.follow(response) : response;
    return response;
  }

  async uploadAccepted(name: string, content: Uint8Array): Promise<void> {
    const response = await this.upload(name, content);
    assert.equal(response.status, 303, `${name}: ${errorSummaryText(response.text)}`);
    expectPage(this.page, '/meld/vedlegg');
  }

  /** Uploads and expects the attachments page again with 422 and the message, and nothing added. */
  async uploadRefused(name: string, content: Uint8Array, message: RegExp, button: 'upload' | 'continue' = 'upload'): Promise<HttpResponse> {
    const listed = this.listedFiles();
    const response = await this.upload(name, content, button);
    assert.equal(response.status, 422, `${name} was not refused`);
    assert.match(errorSummaryText(response.text), message);
    assertNoLeak(response.text, name);
    assert.deepEqual(this.listedFiles(), listed, 'the files uploaded before are still there, and no more');
    return response;
  }

  /** The names on the attachments page's list. */
  listedFiles(): string[] {
    return [...this.page.text.matchAll(/<span>\s*([^<]+?) \(/g)].map((m) => m[1]!.trim());
  }

  /** "Fortsett", "Send meldingen", and the package as the service decrypts it. */
  async send(): Promise<DeliveredReport> {
    const summary = await this.client.submit(this.page, '/meld/vedlegg', { action: 'continue' });
    expectPage(summary, '/meld/oppsummering');
    const receipt = await this.client.submit(summary, '/meld/send', {});
    assert.equal(receipt.status, 200, errorSummaryText(receipt.text));
    const reference = referenceIn(receipt.text);
    const { files } = await openStoredReport(this.portal, reference);
    const structured = JSON.parse(strFromU8(files['meldeportal.json']!)) as { report: { attachments: AttachmentMeta[] } };
    return { reference, files, attachments: structured.report.attachments };
  }
}
