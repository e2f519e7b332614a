import { describe, expect, it } from 'vitest';
import { dataApiError, dhanBridgeError, isAuthFailure, lookupDhanError, DHAN_TRADING_ERRORS, DHAN_DATA_ERRORS } from './errors';

describe('Dhan error table', () => {
  it('covers DH-901…DH-910 and 800, 804…814', () => {
    expect(Object.keys(DHAN_TRADING_ERRORS)).toEqual(
      ['DH-901', 'DH-902', 'DH-903', 'DH-904', 'DH-905', 'DH-906', 'DH-907', 'DH-908', 'DH-909', 'DH-910']);
    expect(Object.keys(DHAN_DATA_ERRORS).map(Number)).toEqual([800, 804, 805, 806, 807, 808, 809, 810, 811, 812, 813, 814]);
  });

  it('maps trading codes to shared codes keeping the broker code and words', () => {
    const e = dhanBridgeError('DH-905', 'Missing required fields, bad values for parameters etc.');
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.brokerCode).toBe('DH-905');
    expect(e.message).toContain('Missing required fields');
    expect(e.message).toContain('Dhan rejected the request parameters');
    expect(dhanBridgeError('DH-901', 'x').code).toBe('UNAUTHENTICATED');
    expect(dhanBridgeError('DH-904', 'x').code).toBe('RATE_LIMITED');
    expect(dhanBridgeError('DH-906', 'Insufficient funds').code).toBe('REJECTED');
  });

  it('treats the real DH-906 "Invalid Token" as an authentication failure', () => {
    expect(dhanBridgeError('DH-906', 'Invalid Token').code).toBe('UNAUTHENTICATED');
  });

  it('is never retryable for an order change, even for transient codes', () => {
    expect(dhanBridgeError('DH-908', 'x').retryable).toBe(true);
    expect(dhanBridgeError('DH-908', 'x', { orderChange: true }).retryable).toBe(false);
    expect(dhanBridgeError('DH-904', 'x', { orderChange: true }).retryable).toBe(false);
  });

  it('maps data errors, numeric or string', () => {
    expect(dhanBridgeError(806, 'Data APIs not subscribed')).toEqual({
      code: 'FORBIDDEN', retryable: false, brokerCode: '806',
      message: 'This Dhan account has no Data API subscription (806): Data APIs not subscribed',
    });
    expect(lookupDhanError('813')?.shared).toBe('NOT_FOUND');
    expect(dhanBridgeError('DH-999', undefined).code).toBe('INTERNAL');
    expect(dhanBridgeError('DH-999', undefined).brokerCode).toBe('DH-999');
  });

  it('flags 807-810 as auth failures for the feed', () => {
    expect([805, 806, 807, 808, 809, 810, 811].map(isAuthFailure)).toEqual([false, false, true, true, true, true, false]);
    expect(dataApiError(805)).toMatchObject({ shared: 'RATE_LIMITED', authFailure: false });
    expect(dataApiError(807)).toEqual({ code: 807, meaning: 'Access token is expired', shared: 'UNAUTHENTICATED', authFailure: true });
    expect(dataApiError(999).shared).toBe('INTERNAL');
  });
});
