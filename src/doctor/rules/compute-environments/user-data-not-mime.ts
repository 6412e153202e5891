import { readMimeMultipart } from '../../../aws/user-data';
import { judgeEach } from '../../engine/finding';
import type { Rule } from '../../engine/types';
import { literalString } from '../../terraform/model';
import { batchLaunchTemplates } from '../../views/launch-templates';

/**
 * Batch merges a launch template's user data with its own part and takes it
 * only as a MIME multi-part archive; EC2 takes it only base64-encoded
 * (docs/aws-batch-facts.md#user-data-in-a-batch-launch-template). A literal
 * user_data of a template some compute environment uses is decoded and read
 * the way the stack writes it, also when evaluated (base64encode() of a
 * heredoc, a variable's default, a rendered template); a value the
 * configuration does not decide (a cloudinit_config, a variable without a
 * value) is reported as skipped.
 */
export const ceUserDataNotMime: Rule = {
  id: 'BATCH_CE_USER_DATA_NOT_MIME',
  severity: 'error',
  pack: 'batch-readiness',
  title: 'launch template user data that is not a base64 MIME multi-part archive',
  why: 'AWS Batch merges launch template user data with its own and accepts it only as a MIME multi-part archive: plain shell (or a blank line before the MIME headers) makes the compute environment INVALID ("Launch Template UserData is not MIME multipart format") and no instance starts. EC2 also needs user_data base64-encoded; plain text fails the apply.',
  fix: 'Wrap the script in a MIME multi-part archive (MIME-Version: 1.0 and Content-Type: multipart/mixed; boundary="==MYBOUNDARY==" first, then --==MYBOUNDARY==, Content-Type: text/x-shellscript, a blank line, the script, a blank line and --==MYBOUNDARY==--) and base64-encode it (base64encode(...)).',
  link: 'https://docs.aws.amazon.com/batch/latest/userguide/launch-templates.html',
  check(model) {
    return judgeEach(this, batchLaunchTemplates(model), ([template, ces]) => {
      const raw = template.body['user_data'];
      if (raw === undefined || raw === null) return undefined;
      const text = literalString(raw);
      const users = ces.map((ce) => ce.resource.address).join(', ');
      if (text === undefined) {
        // base64encode() of a template with unknown parts: the MIME structure is in the known text.
        const encoded = model.unknown(raw)?.base64Of;
        const read = encoded === undefined ? undefined : readMimeMultipart(encoded);
        if (read === undefined) return { unknown: `user_data ${model.why(raw) ?? 'is an expression'}` };
        if ('parts' in read) return undefined;
        if (unclosedOnly(read.problem)) return { unknown: UNCLOSED };
        return `user_data (used by ${users}), before base64encode(), ${read.problem}: it is not a MIME multi-part archive, so Batch marks the compute environment INVALID and launches no instance`;
      }
      if (text === '') return undefined;
      const compact = text.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
        return {
          message: `user_data (used by ${users}) is not base64-encoded (it starts ${JSON.stringify(text.slice(0, 40))}); EC2 refuses it at apply (InvalidUserData.Malformed)`,
          fix: 'Encode it: user_data = base64encode(<the MIME multi-part archive>), or filebase64("user-data.mime").',
        };
      }
      const decoded = Buffer.from(compact, 'base64');
      // gzip: cloud-init would read it, but whether Batch can merge it is not documented; not judged.
      if (decoded[0] === 0x1f && decoded[1] === 0x8b) return undefined;
      const read = readMimeMultipart(decoded.toString('utf8'));
      if ('parts' in read) return undefined;
      if (unclosedOnly(read.problem)) return { unknown: UNCLOSED };
      return `user_data (used by ${users}), base64-decoded, ${read.problem}: it is not a MIME multi-part archive, so Batch marks the compute environment INVALID and launches no instance`;
    }, ([template]) => template);
  },
};

/**
 * An archive whose only flaw is the missing closing `--boundary--` line: the
 * Batch guide's layout ends with it, but nothing documents that Batch refuses
 * an archive without it, and MIME readers such as cloud-init's take one
 * (docs/aws-batch-facts.md#user-data-in-a-batch-launch-template). Not judged.
 */
const unclosedOnly = (problem: string): boolean => problem.startsWith('has no closing boundary line');
const UNCLOSED = 'user_data is a MIME archive without its closing boundary line; whether Batch accepts that is not documented';
