import { DatabaseError } from 'pg';
import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSRequestTimeoutError } from 'kafkajs';
import { DataSource } from 'typeorm';
import { TransientFailures, describeFailure, isTransientFailure } from './failure';

/** A pg error as the server sends it (the shapes were captured from pg 8 against Postgres). */
function serverError(code: string, message: string): DatabaseError {
  return Object.assign(new DatabaseError(message, message.length, 'error'), { code, severity: 'ERROR' });
}

describe('isTransientFailure', () => {
  it.each([
    ['ECONNREFUSED', true],
    ['57P01', true], // terminating connection due to administrator command
    ['57P03', true], // the database system is starting up
    ['40P01', true], // deadlock
    ['40001', true], // serialization failure
    ['08006', true], // connection failure
    ['53300', true], // too many connections
    ['08P01', false], // protocol violation: an outage behind PgBouncer, or a statement with too many parameters; the probe decides
    ['57014', false], // cancelled by statement_timeout: perhaps the statement's own fault; the probe decides
    ['55000', false], // object not in prerequisite state: mostly the statement's own; the probe decides
    ['23505', false], // unique violation
    ['22P02', false], // invalid text representation
  ])('SQLSTATE or errno %s → %s', (code, transient) => {
    expect(isTransientFailure(serverError(code, 'x'))).toBe(transient);
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
  ])('recognises pg’s lost connection without a code: %s', (message) => {
    expect(isTransientFailure(new Error(message))).toBe(true);
  });

  it('recognises a database closed to connections by its message, not by its SQLSTATE (55000) alone', () => {
    // Known outright, not left to the probe: an outage ending between the failure and the
    // probe would otherwise hold it against the work (a 500 to a caller, an attempt to an event).
    expect(isTransientFailure(serverError('55000', 'database "gw_x" is not currently accepting connections'))).toBe(true);
  });

  it('recognises a lost connection however TypeORM wraps it', () => {
    expect(isTransientFailure(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    expect(isTransientFailure(new QueryFailedError('COMMIT', [], serverError('57P01', 'terminating connection due to administrator command')))).toBe(true);
    expect(isTransientFailure(new QueryFailedError('COMMIT', [], new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isTransientFailure(new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') }))).toBe(true);
  });

  it('recognises a broker that is away, also behind kafkajs’s retries', () => {
    const away = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:1', { broker: '127.0.0.1:1' });
    expect(isTransientFailure(away)).toBe(true);
    expect(isTransientFailure(new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out'))).toBe(true);
    expect(isTransientFailure(new KafkaJSNumberOfRetriesExceeded(away, { retryCount: 5, retryTime: 3000 }))).toBe(true);
    expect(isTransientFailure(new KafkaJSNonRetriableError('Invalid message'))).toBe(false);
    expect(isTransientFailure(new KafkaJSProtocolError({ message: 'The request included a message larger than the max message size', retriable: false } as unknown as Error))).toBe(false);
  });

  it('leaves errors of the work itself to the probe', () => {
    expect(isTransientFailure(new Error('boom'))).toBe(false);
    expect(isTransientFailure(new TypeError("Cannot read properties of undefined (reading 'caseId')"))).toBe(false);
    expect(isTransientFailure('Connection terminated unexpectedly')).toBe(false);
  });
});

describe('TransientFailures', () => {
  const withDatabase = (query: () => Promise<unknown>) => new TransientFailures({ query } as unknown as DataSource);

  it('holds an unknown failure against the work only while the database answers', async () => {
    const protocolViolation = serverError('08P01', 'bind message has 4464 parameter formats but 0 parameters');
    expect(await withDatabase(async () => [{ '?column?': 1 }]).isTransient(protocolViolation)).toBe(false);
    const away = serverError('08P01', 'no more connections allowed (max_client_conn)'); // PgBouncer
    expect(await withDatabase(() => Promise.reject(away)).isTransient(away)).toBe(true);
  });

  it('takes a database that does not answer within the probe’s time as away', async () => {
    jest.useFakeTimers();
    try {
      const answer = withDatabase(() => new Promise(() => undefined)).isTransient(new Error('boom'));
      await jest.advanceTimersByTimeAsync(2000);
      expect(await answer).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not probe for a failure of a known transient shape, and shares one probe between callers', async () => {
    const query = jest.fn(async () => [{}]);
    const failures = withDatabase(query);
    expect(await failures.isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(query).not.toHaveBeenCalled();
    await Promise.all([failures.isTransient(new Error('a')), failures.isTransient(new Error('b'))]);
    expect(query).toHaveBeenCalledTimes(1);
  });
});

describe('describeFailure', () => {
  it('names the failure without the values of the failed query’s parameters', () => {
    const failed = new QueryFailedError('SELECT $1::uuid', ['李女士的描述'], serverError('22P02', 'invalid input syntax for type uuid: "李女士的描述"'));
    expect(describeFailure(failed)).toBe('QueryFailedError: invalid input syntax for type uuid: "<redacted>"');
  });
});
