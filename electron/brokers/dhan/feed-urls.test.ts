import { describe, expect, it } from 'vitest';
import { DHAN_FEED_BASES, dhanFeedUrl, localFeedBases } from './feed-urls';

const creds = { clientId: '1000000001', accessToken: 'ey.abc+/=' };

describe('dhanFeedUrl', () => {
  it('builds the market-feed URL of seeds/002 with version=2 first', () => {
    expect(dhanFeedUrl('feed', creds)).toBe(
      'wss://api-feed.dhan.co?version=2&token=ey.abc%2B%2F%3D&clientId=1000000001&authType=2',
    );
  });

  it('builds the 20- and 200-level depth URLs without version', () => {
    expect(dhanFeedUrl('depth20', creds)).toBe(
      'wss://depth-api-feed.dhan.co/twentydepth?token=ey.abc%2B%2F%3D&clientId=1000000001&authType=2',
    );
    expect(dhanFeedUrl('depth200', creds)).toBe(
      'wss://full-depth-api.dhan.co/twohundreddepth?token=ey.abc%2B%2F%3D&clientId=1000000001&authType=2',
    );
  });

  it('round-trips the token through the URL parser', () => {
    const u = new URL(dhanFeedUrl('feed', creds));
    expect(u.searchParams.get('token')).toBe(creds.accessToken);
    expect(u.searchParams.get('authType')).toBe('2');
  });

  it('serves all three paths from one local origin', () => {
    const bases = localFeedBases('ws://127.0.0.1:4100/');
    expect(new URL(dhanFeedUrl('feed', creds, bases)).pathname).toBe('/');
    expect(new URL(dhanFeedUrl('depth20', creds, bases)).pathname).toBe('/twentydepth');
    expect(new URL(dhanFeedUrl('depth200', creds, bases)).pathname).toBe('/twohundreddepth');
    expect(new URL(dhanFeedUrl('depth200', creds, bases)).host).toBe('127.0.0.1:4100');
  });

  it('refuses empty credentials', () => {
    expect(() => dhanFeedUrl('feed', { clientId: '', accessToken: 'x' })).toThrow(/client id/);
    expect(() => dhanFeedUrl('feed', { clientId: '1', accessToken: '' }, DHAN_FEED_BASES)).toThrow(/access token/);
  });
});
