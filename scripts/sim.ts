/**
 * `npm run sim -- [--port N] [--instruments FILE] [--seed S] [--speed X] [--client-id C --token T]
 * [--always-open] [--rate-limits orders|all|off]`: the simulated exchange alone, speaking DhanHQ v2 on 127.0.0.1 (issue 4,
 * "Serving"). Prints the base URL and the credentials it accepts, then serves until Ctrl-C.
 */

import { SIM_DEFAULT_CLIENT_ID, SIM_DEFAULT_TOKEN, startSimExchange, type SimExchangeServerOptions } from '../electron/sim/wire/server';

/**
 * Usage text: every option of the README's command table. Printed on stdout (exit 0) for
 * `--help`/`-h`, on stderr (exit 2) after a bad option.
 */
export const SIM_USAGE = [
  'usage: npm run sim -- [--port N] [--instruments FILE] [--seed S] [--speed X] [--client-id C --token T] [--always-open] [--rate-limits orders|all|off]',
  '',
  'The simulated exchange alone: DhanHQ v2 REST at /v2 and the feed, 20/200-level depth and',
  'order-update WebSockets on one port of 127.0.0.1. Prints its base URL and the credentials it accepts.',
  '',
  '  --port N              TCP port on 127.0.0.1 (default 0: a free port)',
  '  --instruments FILE    a Dhan instrument master CSV (compact or detailed, .csv or .csv.gz) as the universe',
  '                        (default: the built-in NSE-like universe)',
  '  --seed S              integer seed of the market model (default 1); the same seed gives the same ticks',
  '  --speed X             simulated ms per real ms, > 0 (default 1)',
  `  --client-id C         client id the sim accepts (default ${SIM_DEFAULT_CLIENT_ID})`,
  `  --token T             access token the sim accepts (default ${SIM_DEFAULT_TOKEN})`,
  '  --always-open         market always open instead of NSE hours in IST (demos, tests at any hour)',
  '  --rate-limits MODE    answer HTTP 429 DH-904 beyond Dhan\'s rate limits: orders (default, the order APIs),',
  '                        all (every limit class of electron/brokers/dhan/limits.ts) or off',
  '  -h, --help            print this text and exit',
].join('\n');

/** What `parseSimArgs` returns for `--help` / `-h`. */
export const SIM_HELP = 'help' as const;

/**
 * Parsed command line (the options of `startSimExchange`), `SIM_HELP` for `--help`/`-h`, or an
 * error text for the user (an unknown option or a bad value).
 */
export function parseSimArgs(argv: readonly string[]): SimExchangeServerOptions | string {
  const o: { -readonly [K in keyof SimExchangeServerOptions]: SimExchangeServerOptions[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => argv[++i];
    const num = (name: string, v: string | undefined, check: (n: number) => boolean): number | string => {
      const n = Number(v);
      return v !== undefined && check(n) ? n : `${name} needs a valid number (got ${v ?? 'nothing'})`;
    };
    let r: number | string | undefined;
    switch (a) {
      case '--port':
        r = num('--port', value(), (n) => Number.isInteger(n) && n >= 0 && n < 65536);
        if (typeof r === 'number') o.port = r;
        break;
      case '--seed':
        r = num('--seed', value(), Number.isInteger);
        if (typeof r === 'number') o.seed = r;
        break;
      case '--speed':
        r = num('--speed', value(), (n) => n > 0 && Number.isFinite(n));
        if (typeof r === 'number') o.speed = r;
        break;
      case '--instruments': {
        const v = value();
        if (v === undefined) return '--instruments needs a file path';
        o.instruments = v;
        break;
      }
      case '--client-id': {
        const v = value();
        if (!v) return '--client-id needs a value';
        o.clientId = v;
        break;
      }
      case '--token': {
        const v = value();
        if (!v) return '--token needs a value';
        o.token = v;
        break;
      }
      case '--always-open':
        o.alwaysOpen = true;
        break;
      case '--rate-limits': {
        const v = value();
        if (v !== 'orders' && v !== 'all' && v !== 'off') return `--rate-limits needs orders, all or off (got ${v ?? 'nothing'})`;
        o.rateLimits = v;
        break;
      }
      case '--help':
      case '-h':
        return SIM_HELP;
      default:
        return `unknown option ${a}`;
    }
    if (typeof r === 'string') return r;
  }
  return o;
}

async function main(): Promise<void> {
  const parsed = parseSimArgs(process.argv.slice(2));
  if (parsed === SIM_HELP) {
    console.log(SIM_USAGE);
    process.exit(0);
  }
  if (typeof parsed === 'string') {
    console.error(`sim: ${parsed}`);
    console.error(SIM_USAGE);
    process.exit(2);
  }
  const sim = await startSimExchange({ ...parsed, log: (line) => console.error(line) });
  console.log(sim.baseUrl);
  console.log(`REST       ${sim.restBaseUrl}`);
  console.log(`feed       ${sim.wsBase}/?version=2&token=<token>&clientId=<client id>&authType=2 (also /twentydepth, /twohundreddepth)`);
  console.log(`orders     ${sim.orderUpdateUrl}`);
  console.log(`client id  ${sim.clientId}`);
  console.log(`token      ${sim.token}`);
  console.log(`rate limits ${parsed.rateLimits ?? 'orders'} (DH-904 beyond electron/brokers/dhan/limits.ts)`);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] !== undefined && /sim\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(`sim: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
