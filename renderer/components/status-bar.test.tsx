import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StatusBar, type StatusBarProps } from './status-bar';

const BASE: StatusBarProps = {
  mode: 'LIVE',
  broker: 'dhan',
  transport: 'websocket',
  linkState: 'open',
  linkDetail: '',
  version: '0.1.0',
  coreHost: 'headless',
  sessionState: 'connected',
  sessionDetail: null,
  heartbeatAgeS: 1,
  sockets: [{ id: 'feed-0', kind: 'feed', state: 'reconnecting', instruments: 3, detail: '805: Too many requests or connections' }],
  messagesPerSecond: 0,
  lastMessageAgeS: 4,
  tokenExpiry: '27 Nov 08:00 IST',
  tokenExpiryTitle: 'Access token valid until 27 Nov 2026 08:00:00 IST',
  tokenExpired: false,
  tokenExpiresSoon: true,
  disconnect: null,
  tasks: [],
};

describe('StatusBar', () => {
  it('shows the last disconnect as visible text beside the sockets, with the full reason in the tooltip', () => {
    const html = renderToStaticMarkup(
      <StatusBar {...BASE} disconnect={{ text: '805 Too many requests or connections', title: 'feed-0 disconnected by the server at 12:01:02 IST, reconnecting: 805 Too many…', tone: 'warn' }} />,
    );
    const chip = /<span class="([^"]*)" title="([^"]*)" data-testid="feed-disconnect"><span class="status-clip">([^<]*)<\/span>/.exec(html);
    expect(chip?.[1]).toBe('status-item status-disconnect tone-warn');
    expect(chip?.[2]).toMatch(/^feed-0 disconnected by the server at 12:01:02 IST/);
    expect(chip?.[3]).toBe('805 Too many requests or connections');
    // Beside the sockets: after them, before msg/s.
    expect(html.indexOf('data-testid="sockets"')).toBeLessThan(html.indexOf('feed-disconnect'));
    expect(html.indexOf('feed-disconnect')).toBeLessThan(html.indexOf('messages-per-second'));
  });

  it('lets a far token expiry give way when crowded, never one that is near or past', () => {
    const far = renderToStaticMarkup(<StatusBar {...BASE} tokenExpiresSoon={false} />);
    expect(far).toMatch(/class="status-item status-token-far"><span class="status-label">token<\/span><span class="status-clip" data-testid="token-expiry" title="Access token valid until 27 Nov 2026 08:00:00 IST">27 Nov 08:00 IST<\/span>/);
    expect(renderToStaticMarkup(<StatusBar {...BASE} />)).not.toContain('status-token-far');
    expect(renderToStaticMarkup(<StatusBar {...BASE} tokenExpired tokenExpiresSoon={false} />)).not.toContain('status-token-far');
    expect(renderToStaticMarkup(<StatusBar {...BASE} tokenExpiry={null} tokenExpiryTitle={null} tokenExpiresSoon={false} />)).toMatch(/<span class="status-item"><span class="status-label">token<\/span><span class="status-clip" data-testid="token-expiry">—<\/span>/);
  });

  it('shows nothing extra when there is no disconnect to show; warns of a token expiring soon', () => {
    const html = renderToStaticMarkup(<StatusBar {...BASE} />);
    expect(html).not.toContain('feed-disconnect');
    expect(html).toMatch(/class="status-item tone-warn"[^>]*><span class="status-label">token<\/span><span class="status-clip" data-testid="token-expiry" title="Access token valid until 27 Nov 2026 08:00:00 IST">until 27 Nov 08:00 IST<\/span>/);
    const expired = renderToStaticMarkup(<StatusBar {...BASE} tokenExpired tokenExpiresSoon={false} />);
    expect(expired).toMatch(/class="status-item tone-bad"[^>]*><span class="status-label">token<\/span><span class="status-clip" data-testid="token-expiry" title="Access token valid until 27 Nov 2026 08:00:00 IST">expired 27 Nov 08:00 IST<\/span>/);
  });
});
