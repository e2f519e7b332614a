/**
 * Frame inspector (issue 3): `npm run --silent decode -- --format <dhan-feed|dhan-depth20|dhan-depth200> [FILE]`
 *
 * Input: one WebSocket message per line, hex-encoded, from FILE or stdin. Whitespace anywhere in a
 * line is ignored (so `08 a2 00 02 …` works), an optional leading `0x` is dropped, and empty lines
 * are skipped. Nothing else is accepted: a line with another character or an odd number of hex
 * digits is malformed.
 * Output: JSON Lines, one object per decoded packet in wire order, in the shapes of issue 3 (prices
 * in rupees snapped as the decoders do, `ltt` the raw wire value, unknown codes as
 * `{"kind":"unknown","code","length"}`). A malformed line or packet prints `{"error":"…"}` and
 * the tool goes on; the exit status is 0. An unknown or missing `--format` prints the usage on
 * stderr and exits 2; an unreadable FILE exits 1.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { decodeDepthPackets } from '../electron/brokers/dhan/depth-codec';
import { decodeFeedPackets } from '../electron/brokers/dhan/feed-codec';

/** Input formats the inspector understands. */
export type DecodeFormat = 'dhan-feed' | 'dhan-depth20' | 'dhan-depth200';

const FORMATS: readonly DecodeFormat[] = ['dhan-feed', 'dhan-depth20', 'dhan-depth200'];

/** Usage text: on stderr (exit 2) for bad arguments, on stdout (exit 0) for `--help`/`-h`. */
export const DECODE_USAGE =
  'usage: npm run --silent decode -- --format <dhan-feed|dhan-depth20|dhan-depth200> [FILE]\n' +
  '  reads one hex-encoded WebSocket message per line (FILE or stdin), prints JSON Lines\n' +
  '  --format F   dhan-feed (live market feed), dhan-depth20 (20-level depth) or dhan-depth200 (200-level depth)\n' +
  '  FILE         input file (default, or -, stdin)\n' +
  '  -h, --help   print this text and exit';

/** What `parseDecodeArgs` returns for `--help` / `-h`. */
export const DECODE_HELP = 'help' as const;

/** Parses a hex line into bytes; returns an error text instead when it is not hex. */
export function parseHexLine(line: string): Uint8Array | string {
  let h = line.replace(/\s+/g, '');
  if (h.startsWith('0x') || h.startsWith('0X')) h = h.slice(2);
  const bad = /[^0-9a-fA-F]/.exec(h);
  if (bad) return `not hex: unexpected character ${JSON.stringify(bad[0])}`;
  if (h.length % 2 !== 0) return `not hex: odd number of digits (${h.length})`;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
  return out;
}

/**
 * Decodes one input line into the JSON lines to print (none for an empty line). Never throws.
 */
export function decodeLine(format: DecodeFormat, line: string): string[] {
  if (line.trim() === '') return [];
  const bytes = parseHexLine(line);
  if (typeof bytes === 'string') return [JSON.stringify({ error: bytes })];
  if (bytes.length === 0) return [JSON.stringify({ error: 'empty message' })];
  const r = format === 'dhan-feed' ? decodeFeedPackets(bytes) : decodeDepthPackets(bytes, format === 'dhan-depth20' ? 20 : 200);
  const out: string[] = [];
  let e = 0;
  for (let i = 0; i <= r.packets.length; i++) {
    while (e < r.errors.length && r.errorBefore[e] === i) out.push(JSON.stringify({ error: r.errors[e++] }));
    if (i < r.packets.length) out.push(JSON.stringify(r.packets[i]));
  }
  return out;
}

/**
 * Parses the command line; returns the format and optional file, `DECODE_HELP` for `--help`/`-h`,
 * or null for a usage error.
 */
export function parseDecodeArgs(argv: readonly string[]): { format: DecodeFormat; file: string | null } | typeof DECODE_HELP | null {
  let format: string | undefined;
  let file: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return DECODE_HELP;
    if (a === '--format') format = argv[++i];
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else if (a.startsWith('-') && a !== '-') return null;
    else if (file === null) file = a === '-' ? null : a;
    else return null;
  }
  if (!FORMATS.includes(format as DecodeFormat)) return null;
  return { format: format as DecodeFormat, file };
}

async function main(): Promise<void> {
  const args = parseDecodeArgs(process.argv.slice(2));
  if (args === DECODE_HELP) {
    process.stdout.write(`${DECODE_USAGE}\n`);
    process.exit(0);
  }
  if (args === null) {
    process.stderr.write(`${DECODE_USAGE}\n`);
    process.exit(2);
  }
  const input = args.file === null ? process.stdin : createReadStream(args.file);
  input.on('error', (err: Error) => {
    process.stderr.write(`decode: cannot read ${args.file}: ${err.message}\n`);
    process.exit(1);
  });
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const out = decodeLine(args.format, line);
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
