import { isTransientFailure } from './failure';

describe('isTransientFailure', () => {
  it.each([
    ['ECONNREFUSED', true],
    ['57P01', true], // admin shutdown
    ['40P01', true], // deadlock
    ['08006', true], // connection failure
    ['08P01', false], // protocol violation: the request itself is wrong
    ['23505', false], // unique violation
    ['22P02', false], // invalid text representation
  ])('%s → %s', (code, transient) => {
    expect(isTransientFailure(Object.assign(new Error('x'), { code }))).toBe(transient);
  });

  it('treats errors without a code as the handler’s own', () => {
    expect(isTransientFailure(new Error('boom'))).toBe(false);
  });
});
