import { Directory } from '../directory/directory';
import { validateDirectory } from '../directory/directory.validator';
import { sampleDirectory } from '../directory/sample-directory';
import { decide } from '../decisions/decision.engine';
import { RULES } from '../decisions/routing-decision';
import { explainAlternative, explainDecision } from './routing-explanation';

const sample = new Directory(1, validateDirectory(sampleDirectory()));

describe('routing decisions in plain words', () => {
  it('names the rule, the units and the catalogue entry in Chinese, with their codes beside them', () => {
    expect(explainDecision(decide(sample, { categoryCode: 'safety_hazard', gridCode: 'kaizhou.yunfeng.pingqiao.g01' }))).toBe(
      '「安全隐患」（safety_hazard）是重大事项，同时派给所有责任单位：按派单目录第1版条目 D027，区应急管理局（emergency）主办，' +
        '区住房和城乡建设委员会（housing）、区公安局（police）协办，抄送云枫街道办事处（yunfeng_street）。',
    );
    expect(explainDecision(decide(sample, { categoryCode: 'neighbour_dispute', gridCode: 'kaizhou.wenfeng.donghua.g02' }))).toBe(
      '「邻里纠纷」（neighbour_dispute）是社区自治事项：按派单目录第1版条目 D038，由东华社区居民委员会（donghua_community）办理，并告知网格 kaizhou.wenfeng.donghua.g02。',
    );
    const street = decide(sample, { categoryCode: 'litter', gridCode: 'kaizhou.hanfeng.binhu.g01' });
    expect(explainDecision(street)).toMatch(/街道属地办理.*汉丰街道办事处（hanfeng_street）主办.*抄送开州区网格化服务管理中心（kaizhou_district）/);
    expect(explainAlternative(street.alternatives[0])).toBe('条目 D014（urban_management）未采用：已有适用于本区域的更具体条目。');
  });

  it('says why a case waits for a person', () => {
    expect(explainDecision(decide(undefined, { categoryCode: 'litter', gridCode: 'x' }))).toBe('尚未发布派单目录，待指挥中心人工分拨。');
    expect(explainDecision(decide(sample, { categoryCode: 'alien_landing', gridCode: 'x' }))).toMatch(/没有类别 alien_landing，待指挥中心人工分拨/);
  });

  it('has words for every rule', () => {
    const decision = decide(sample, { categoryCode: 'litter', gridCode: 'kaizhou.yunfeng.pingqiao.g01' });
    for (const rule of RULES) expect(explainDecision({ ...decision, rule })).toMatch(/[\u4e00-\u9fa5]/);
  });
});
