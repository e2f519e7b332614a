import { describe, expect, it } from 'vitest';
import { redactHeaders, redactText, redactUrl } from './redact';

const JWT = 'eyJhbGciOiJIUzUxMiJ9.eyJpc3MiOiJkaGFuIiwiY2xpZW50SWQiOiIxMDAifQ.c2lnbmF0dXJlLXBhcnQ';

describe('redactUrl', () => {
  it('hides the Dhan feed token and keeps the other parameters', () => {
    expect(redactUrl(`wss://api-feed.dhan.co?version=2&token=${JWT}&clientId=1000000001&authType=2`))
      .toBe('wss://api-feed.dhan.co?version=2&token=***&clientId=1000000001&authType=2');
  });
  it('hides the Kite api_key and access_token', () => {
    expect(redactUrl('wss://ws.kite.trade?api_key=abc123&access_token=s3cr3tvalue'))
      .toBe('wss://ws.kite.trade?api_key=***&access_token=***');
  });
  it('leaves a URL without secrets unchanged', () => {
    expect(redactUrl('https://api.dhan.co/v2/orders/external/td-1?x=1')).toBe('https://api.dhan.co/v2/orders/external/td-1?x=1');
  });
});

describe('redactText', () => {
  it('hides header values, JSON fields and accessToken keys', () => {
    const line = `POST /orders access-token: abc.def client-id: 1000000001 {"LoginReq":{"MsgCode":42,"ClientId":"1","Token":"qq\\"secretqq"},"accessToken":"zzz"}`;
    const out = redactText(line);
    expect(out).not.toContain('abc.def');
    expect(out).not.toContain('secretqq');
    expect(out).not.toContain('zzz');
    expect(out).toContain('client-id: 1000000001');
    expect(out).toContain('"Token":"***"');
    expect(out).toContain('"MsgCode":42');
  });
  it('hides Kite Authorization headers and bare JWTs', () => {
    expect(redactText('Authorization: token apikey:accesstok')).toBe('Authorization: ***');
    expect(redactText(`failed with ${JWT} attached`)).toBe('failed with *** attached');
  });
});

describe('redactHeaders', () => {
  it('replaces secret header values only', () => {
    expect(redactHeaders({ 'access-token': JWT, 'client-id': '1000000001', 'Content-Type': 'application/json' }))
      .toEqual({ 'access-token': '***', 'client-id': '1000000001', 'Content-Type': 'application/json' });
  });
});
