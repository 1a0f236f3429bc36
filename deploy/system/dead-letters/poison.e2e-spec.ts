import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import { EventType, TOPICS, TopicKey, createEvent } from '@gridwhistle/contracts';
import { DeadLetterEntry, DeadLetters, MAX_EVENT_BYTES, kafkaConfig, readTopicToEnd, topicName } from '@gridwhistle/messaging';
import { eventually } from '@gridwhistle/testing';
import { RunningSystem } from '../running-system';
import { closeTheLoop, hotlineReport } from '../case-journey';
import { runCommand } from './dead-letters.cli';

type Service = 'intake' | 'routing' | 'department' | 'feedback';
type EventTopic = Exclude<TopicKey, 'deadLetter' | 'deadLetterDecisions'>;

/** Who consumes each topic, and one event type on it to spoil. */
const TOPIC_USE: Record<EventTopic, { consumers: Service[]; type: EventType; payload: object }> = {
  intake: { consumers: ['routing', 'feedback'], type: 'case.reported', payload: {} },
  routing: { consumers: ['intake', 'department'], type: 'case.triage_required', payload: { categoryCode: 'manhole_cover', gridCode: 'kaizhou.hanfeng.binhu.g01', reason: 'no_route' } },
  department: { consumers: ['intake', 'routing', 'feedback'], type: 'case.acknowledged', payload: { departmentCode: 'urban_management' } },
  feedback: { consumers: ['intake', 'routing', 'department'], type: 'case.closed', payload: { outcome: 'solved_satisfied', rating: 'satisfied', reopenCount: 0 } },
};

/**
 * Poison on every topic, with the four services running: what is wrong is parked on the
 * dead-letter topic with its reason, by every consumer group it reached, while the partitions
 * move on; `npm run dead-letters` lists the letters and replays or discards each exactly once.
 */
describe('poison on every topic, and dead-letter replay', () => {
  let system: RunningSystem;
  let producer: Producer;
  let letters: DeadLetters;
  const orphans = { triage: randomUUID(), acknowledged: randomUUID(), returned: randomUUID(), closed: randomUUID() };

  beforeAll(async () => {
    system = await RunningSystem.start();
    producer = new Kafka(kafkaConfig(system.env.kafka)).producer();
    await producer.connect();
    letters = new DeadLetters(system.env.kafka);
  });
  afterAll(async () => {
    await producer?.disconnect();
    await system?.stop();
  });

  const send = (topic: TopicKey, value: string, partition?: number) =>
    producer.send({ topic: topicName(system.env.kafka, topic), messages: [{ key: randomUUID(), value, partition }] });
  const group = (service: Service) => `${system.env.namespace}.${service}`;
  const parked = (all: DeadLetterEntry[], topic: TopicKey, service: Service, reason: RegExp) =>
    all.filter((letter) => letter.sourceTopic === topicName(system.env.kafka, topic) && letter.consumerGroup === group(service) && reason.test(letter.reason));
  const orphan = (type: EventType, caseId: string, payload: object) => JSON.stringify(createEvent(type, caseId, payload as never));

  it('parks malformed, unknown-version, unknown-type, oversized and orphan events with their reason while every partition moves on', async () => {
    for (const [topic, { type, payload }] of Object.entries(TOPIC_USE) as [EventTopic, (typeof TOPIC_USE)[EventTopic]][]) {
      for (let partition = 0; partition < TOPICS[topic].partitions; partition++) await send(topic, 'not json {', partition);
      const valid = { ...createEvent(type, randomUUID(), payload as never) };
      await send(topic, JSON.stringify({ hello: 'world' }));
      await send(topic, JSON.stringify({ ...valid, version: 99 }));
      await send(topic, JSON.stringify({ ...valid, type: 'case.teleported' }));
      await send(topic, JSON.stringify({ ...valid, padding: 'x'.repeat(MAX_EVENT_BYTES) }));
    }
    await send('routing', orphan('case.triage_required', orphans.triage, TOPIC_USE.routing.payload));
    await send('department', orphan('case.acknowledged', orphans.acknowledged, TOPIC_USE.department.payload));
    await send('department', orphan('case.returned', orphans.returned, { unitCode: 'urban_management', round: 1, reasonCode: 'not_our_duty', basis: '不属于本单位职责' }));
    await send('feedback', orphan('case.closed', orphans.closed, TOPIC_USE.feedback.payload));

    // A case reported after the poison goes all the way round: every topic's partitions moved on.
    await closeTheLoop(system, hotlineReport({ name: '王先生', phone: '13700001111' }));

    const all = await eventually(async () => {
      const listed = await letters.list();
      for (const [topic, { consumers }] of Object.entries(TOPIC_USE) as [EventTopic, (typeof TOPIC_USE)[EventTopic]][]) {
        for (const service of consumers) {
          expect({ topic, service, notJson: parked(listed, topic, service, /value is not JSON/).length }).toEqual({ topic, service, notJson: TOPICS[topic].partitions });
          for (const reason of [/id must be a uuid/, /unknown version 99/, /unknown event type case\.teleported/, /oversized: \d+ bytes/]) {
            expect({ topic, service, reason: String(reason), count: parked(listed, topic, service, reason).length }).toEqual({ topic, service, reason: String(reason), count: 1 });
          }
        }
      }
      const orphanReasons: [EventTopic, Service, string][] = [
        ['routing', 'intake', orphans.triage],
        ['department', 'intake', orphans.acknowledged],
        ['department', 'routing', orphans.acknowledged],
        ['department', 'intake', orphans.returned],
        ['department', 'routing', orphans.returned],
        ['feedback', 'intake', orphans.closed],
        ['feedback', 'routing', orphans.closed],
        ['feedback', 'department', orphans.closed],
      ];
      for (const [topic, service, caseId] of orphanReasons) {
        expect({ topic, service, caseId, count: parked(listed, topic, service, new RegExp(`${service} never heard of .*${caseId}`)).length }).toEqual({ topic, service, caseId, count: 1 });
      }
      return listed;
    }, 90_000, 2000);
    // Nothing else was parked: the real case's events were all handled.
    const expected = Object.values(TOPIC_USE).reduce((sum, { consumers }) => sum + consumers.length * 16, 0) + 8;
    expect(all).toHaveLength(expected);
    expect(all.every((letter) => !letter.decision && !Number.isNaN(Date.parse(letter.deadLetteredAt)))).toBe(true);
    expect(await runCommand(letters, { action: 'list' })).toHaveLength(expected);
  });

  it('replays a letter, once fixed, to its own consumer group exactly once; replays a still-wrong one into a new letter; discards with a record', async () => {
    const before = await letters.list();
    const [closed] = parked(before, 'feedback', 'department', new RegExp(orphans.closed));
    // The fix: the department gets the case it lacked (as restoring a lost row would).
    await system.db.query(
      `INSERT INTO department.cases (case_id, department_code, role, round, category_code, grid_code, description, status, dispatched_at, due_at, traceparent, returnable)
       VALUES ($1, 'urban_management', 'lead', 1, 'manhole_cover', 'kaizhou.hanfeng.binhu.g01', '井盖缺失', 'resolved', now(), now() + interval '1 day', '', false)`,
      [orphans.closed],
    );
    const feedbackEnd = async () => (await readTopicToEnd(new Kafka(kafkaConfig(system.env.kafka)), topicName(system.env.kafka, 'feedback'))).length;
    const publishedBefore = await feedbackEnd();
    expect(await runCommand(letters, { action: 'replay', selection: { ids: [closed.id] } })).toEqual([`replay: ${closed.id}`]);
    await eventually(async () => expect(await system.count(`SELECT count(*)::int AS n FROM department.cases WHERE case_id = $1 AND status = 'closed'`, [orphans.closed])).toBe(1));
    expect(await feedbackEnd()).toBe(publishedBefore + 1);

    // Replayed again: already decided, nothing published.
    expect(await letters.replay({ ids: [closed.id, 'no-such-id'] })).toEqual({ done: [], alreadyDecided: [closed.id], unknown: ['no-such-id'] });
    expect(await feedbackEnd()).toBe(publishedBefore + 1);

    // Still wrong: parked again, by the group it was replayed for only.
    const [notJson] = parked(before, 'intake', 'routing', /value is not JSON/);
    await letters.replay({ ids: [notJson.id] });
    const after = await eventually(async () => {
      const listed = await letters.list();
      expect(listed.filter((letter) => letter.headers['replayed-from']?.toString() === notJson.id).map((letter) => [letter.consumerGroup, letter.reason])).toEqual([
        [group('routing'), notJson.reason],
      ]);
      return listed;
    }, 30_000, 1000);
    // The other groups on those topics heard nothing of either replay.
    expect(after.length).toBe(before.length + 1);

    const [unknownType] = parked(before, 'routing', 'intake', /unknown event type/);
    expect(await letters.discard({ ids: [unknownType.id] })).toEqual({ done: [unknownType.id], alreadyDecided: [], unknown: [] });
    expect(await letters.replay({ ids: [unknownType.id] })).toMatchObject({ done: [], alreadyDecided: [unknownType.id] });
    const decisions = new Map((await letters.list()).map((letter) => [letter.id, letter.decision?.action]));
    expect([decisions.get(closed.id), decisions.get(notJson.id), decisions.get(unknownType.id)]).toEqual(['replayed', 'replayed', 'discarded']);
  });
});
