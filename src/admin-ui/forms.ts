/**
 * Form bodies for the staff pages without a dependency: URL-encoded forms, and
 * multipart/form-data for the one file upload (a small, strict parser: named parts only,
 * bounded by the route's body limit).
 */
export interface UploadedFile {
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

export type FormBody = Record<string, string> & { _files?: Record<string, UploadedFile> };

export function parseUrlEncoded(text: string): FormBody {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) if (!(key in out)) out[key] = value;
  return out as FormBody;
}

export function parseMultipart(body: Buffer, contentType: string): FormBody {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!match) throw new Error('multipart body without a boundary');
  const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
  const fields: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  let start = body.indexOf(boundary);
  while (start >= 0) {
    const partStart = start + boundary.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(boundary, partStart);
    if (next < 0) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next boundary.
    const part = body.subarray(partStart + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const headers = part.subarray(0, split).toString('utf8');
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
      if (name !== undefined && !(name in fields) && !(name in files)) {
        if (filename !== undefined) files[name] = { filename, contentType: type, data: Buffer.from(content) };
        else fields[name] = content.toString('utf8');
      }
    }
    start = next;
  }
  return { ...fields, _files: files } as FormBody;
}
