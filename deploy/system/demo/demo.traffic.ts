import { AreaNode, DirectoryFile } from '../setup';

/** One report as an integration sends it to intake's POST /v1/cases. */
export interface DemoReport {
  integration: string;
  body: {
    category: string;
    description: string;
    location: { gridCode: string };
    reporter?: { name?: string; phone?: string };
    channel: string;
  };
}

export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

type Random = () => number;

/** One of `choices`, each as likely as its weight. */
export function weighted<T>(choices: readonly (readonly [T, number])[], random: Random = Math.random): T {
  let left = random() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [choice, weight] of choices) {
    left -= weight;
    if (left < 0) return choice;
  }
  return choices[choices.length - 1][0];
}

/**
 * How cases come in: the 12345 hotline takes calls (its service windows too), and with them the
 * residents' app (the city's 12345 platform gathers those); grid workers whistle through theirs.
 */
const CHANNELS: [{ channel: string; integration: string; reporter: boolean }, number][] = [
  [{ channel: 'hotline', integration: 'hotline_12345', reporter: true }, 45],
  [{ channel: 'grid', integration: 'grid_app', reporter: false }, 35],
  [{ channel: 'resident_app', integration: 'hotline_12345', reporter: true }, 20],
];

/** Everyday matters are common, major ones (safety hazards, stability risks) rare. */
const SEVERITY_WEIGHT: Record<string, number> = { minor: 3, ordinary: 3, major: 1 };

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const TITLES = ['先生', '女士', '师傅', '大爷', '阿姨'];
const WHERE = ['小区门口', '菜市场旁', '学校附近', '公交站台', '3栋楼下', '滨河步道', '背街小巷', '停车场入口'];
const HOW = ['已有多日', '今早发现', '居民多次反映', '影响出行', '存在安全隐患', '夜间尤其严重'];

function grids(area: AreaNode): AreaNode[] {
  return area.level === 'grid' ? [area] : (area.children ?? []).flatMap(grids);
}

const pick = <T>(list: readonly T[], random: Random) => list[Math.floor(random() * list.length)];

/** Reports across the directory's categories and grids, in the words residents and grid workers use. */
export class ReportMaker {
  private readonly grids: AreaNode[];
  private readonly categories: (readonly [{ code: string; name: string }, number])[];

  constructor(directory: DirectoryFile, private readonly random: Random = Math.random) {
    this.grids = grids(directory.areas);
    // Emergencies, referrals and answered consultations are answered by intake, never dispatched: the demo drives the loop.
    this.categories = directory.categories.filter((c) => !c.emergencyNumber && !c.referral && !c.answer).map((c) => [c, SEVERITY_WEIGHT[c.severity] ?? 1] as const);
  }

  next(): DemoReport {
    const how = weighted(CHANNELS, this.random);
    const category = weighted(this.categories, this.random);
    const grid = pick(this.grids, this.random);
    const phone = `13${Math.floor(this.random() * 1e9).toString().padStart(9, '0')}`;
    return {
      integration: how.integration,
      body: {
        category: category.code,
        description: `${grid.name}${pick(WHERE, this.random)}${category.name}，${pick(HOW, this.random)}`,
        location: { gridCode: grid.code },
        ...(how.reporter ? { reporter: { name: `${pick(SURNAMES, this.random)}${pick(TITLES, this.random)}`, phone } } : {}),
        channel: how.channel,
        ...(how.channel === 'grid' ? { gridWorkerId: `GW-${grid.code.split('.').pop()}` } : {}),
      },
    };
  }
}

/** Most residents are satisfied when called back; some are not. */
export function rating(random: Random = Math.random): Rating {
  return weighted(
    [
      ['satisfied', 70],
      ['basically_satisfied', 18],
      ['unsatisfied', 12],
    ],
    random,
  );
}
