/**
 * EC2 user data for AWS Batch instances. Batch merges a launch template's
 * user data with its own, and takes it only as a MIME multi-part archive
 * (docs/aws-batch-facts.md#user-data-in-a-batch-launch-template): the
 * stack wraps the plain shell script a config gives into one, and the
 * doctor checks anyone's user data with the same reading.
 */

/**
 * The archive's boundary. Not Batch's own `==BOUNDARY==`, which it uses for
 * the part it adds; a script containing this string is refused.
 */
export const USER_DATA_BOUNDARY = '==BATCHCDKTF==';

/** EC2 refuses user data above 16 KB, counted before base64 encoding. */
export const MAX_USER_DATA_BYTES = 16 * 1024;

/** The script a config gives, as one string (a list is its lines), ending with a newline. */
export function userDataScript(input: string | readonly string[]): string {
  const text = typeof input === 'string' ? input : input.join('\n');
  return text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * The script as a MIME multi-part archive with one `text/x-shellscript`
 * part, laid out as the Batch user guide shows it: the headers first (no
 * blank line before them), a blank line before every boundary line and
 * after the part's headers, LF line endings.
 */
export function mimeUserData(script: string): string {
  return [
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${USER_DATA_BOUNDARY}"`,
    '',
    `--${USER_DATA_BOUNDARY}`,
    'Content-Type: text/x-shellscript; charset="us-ascii"',
    '',
    script.endsWith('\n') ? script.slice(0, -1) : script,
    '',
    `--${USER_DATA_BOUNDARY}--`,
    '',
  ].join('\n');
}

/** What would make the script fail, or the archive built from it, with the fix. */
export function userDataScriptProblems(script: string): { message: string; fix: string }[] {
  const problems: { message: string; fix: string }[] = [];
  if (!script.startsWith('#!')) {
    // cloud-init executes a text/x-shellscript part as a file: without an
    // interpreter line the kernel refuses to run it.
    problems.push({ message: 'does not start with an interpreter line; cloud-init runs the script as an executable file', fix: 'start it with "#!/bin/bash"' });
  }
  if (/^\s*(MIME-Version|Content-Type)\s*:/i.test(script)) {
    problems.push({ message: 'is already a MIME document; the stack builds the MIME multi-part archive itself', fix: 'give only the shell script, starting with "#!/bin/bash"' });
  }
  if (script.includes(USER_DATA_BOUNDARY)) {
    problems.push({ message: `contains ${USER_DATA_BOUNDARY}, the boundary of the archive the stack builds around it`, fix: `remove "${USER_DATA_BOUNDARY}" from the script` });
  }
  if (script.includes('\r')) {
    problems.push({ message: 'has carriage returns (\\r); bash reads them as part of each command', fix: 'use \\n line endings only' });
  }
  const nonAscii = /[^\x00-\x7f]/.exec(script);
  if (nonAscii) {
    problems.push({ message: `has a character outside ASCII (${JSON.stringify(nonAscii[0])}); the part is declared us-ascii`, fix: 'write the script in ASCII (comments included)' });
  }
  const bytes = Buffer.byteLength(mimeUserData(script), 'utf8');
  if (bytes > MAX_USER_DATA_BYTES) {
    problems.push({ message: `makes ${bytes} bytes of user data with the archive around it; EC2 allows ${MAX_USER_DATA_BYTES}`, fix: 'shorten the script, e.g. download a longer one from S3 and run it' });
  }
  return problems;
}

/** The parts of a MIME multi-part archive: each one's Content-Type (lowercase, without parameters) and body. */
export interface MimePart {
  readonly contentType: string;
  readonly body: string;
}

/**
 * Reads user data as Batch needs it: a MIME multi-part archive. Returns its
 * parts, or why it is not one. Strict where the Batch guide is: the headers
 * come first (a leading blank line already breaks it), `multipart/mixed`
 * with a boundary, a boundary line opening each part, a closing `--boundary--`.
 */
export function readMimeMultipart(text: string): { parts: MimePart[] } | { problem: string } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0]?.trim() === '') return { problem: 'starts with a blank line, so it has no MIME headers' };
  const headerEnd = lines.indexOf('');
  const headers = readHeaders(lines.slice(0, headerEnd < 0 ? lines.length : headerEnd));
  if (!headers) return { problem: `does not start with MIME headers (first line: ${JSON.stringify(lines[0]!.slice(0, 60))})` };
  const contentType = headers.get('content-type');
  if (!contentType || !/^multipart\/mixed\b/i.test(contentType)) {
    return { problem: `is not multipart/mixed (Content-Type: ${contentType ?? 'none'})` };
  }
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return { problem: 'declares multipart/mixed without a boundary' };
  const body = lines.slice(headerEnd + 1);
  const opening = `--${b}`;
  const closing = `--${b}--`;
  const close = body.findIndex((line) => line.trimEnd() === closing);
  if (close < 0) return { problem: `has no closing boundary line ${closing}` };
  const parts: MimePart[] = [];
  let start = -1;
  for (let i = 0; i <= close; i++) {
    const line = body[i]!.trimEnd();
    if (line !== opening && i !== close) continue;
    if (start >= 0) {
      const part = body.slice(start, i);
      const blank = part.indexOf('');
      const partHeaders = readHeaders(part.slice(0, blank < 0 ? part.length : blank));
      if (!partHeaders || blank < 0) return { problem: `part ${parts.length + 1} has no headers followed by a blank line` };
      const type = (partHeaders.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
      parts.push({ contentType: type, body: part.slice(blank + 1).join('\n') });
    }
    start = i + 1;
  }
  if (parts.length === 0) return { problem: `has no part opened by a boundary line ${opening}` };
  return { parts };
}

/** Header lines (with folded continuations) by lowercase name, or undefined when a line is not a header. */
function readHeaders(lines: readonly string[]): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let last: string | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      out.set(last, `${out.get(last)} ${line.trim()}`);
      continue;
    }
    const header = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
    if (!header) return undefined;
    last = header[1]!.toLowerCase();
    out.set(last, header[2]!.trim());
  }
  return out.size > 0 ? out : undefined;
}
