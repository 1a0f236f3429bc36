import { TopicPartitionOffset } from 'kafkajs';
import { OffsetCommitter } from './offset-committer';

describe('OffsetCommitter', () => {
  it('commits the offset after the last handled one, once per partition', async () => {
    const commits: TopicPartitionOffset[][] = [];
    const committer = new OffsetCommitter({ commitOffsets: async (offsets) => void commits.push(offsets) }, 60_000);
    committer.handled('t', 0, '4');
    committer.handled('t', 1, '9');
    committer.handled('t', 0, '7');
    await committer.commit();
    await committer.commit(); // nothing new: no request
    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '8' },
        { topic: 't', partition: 1, offset: '10' },
      ],
    ]);
  });

  it('keeps offsets whose commit failed for the next try, unless newer ones arrived meanwhile', async () => {
    const commits: TopicPartitionOffset[][] = [];
    let fail = true;
    const committer = new OffsetCommitter(
      {
        commitOffsets: async (offsets) => {
          if (fail) {
            committer.handled('t', 1, '20'); // handled while the failing commit was on its way
            throw new Error('The group is rebalancing');
          }
          commits.push(offsets);
        },
      },
      60_000,
    );
    committer.handled('t', 0, '4');
    committer.handled('t', 1, '9');
    await committer.commit();
    fail = false;
    await committer.stop();
    expect(commits).toEqual([
      [
        { topic: 't', partition: 1, offset: '21' },
        { topic: 't', partition: 0, offset: '5' },
      ],
    ]);
  });
});
