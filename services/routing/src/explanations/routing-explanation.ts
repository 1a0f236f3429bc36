import { Alternative, ChosenUnit, RoutingDecision, SetAsideReason } from '../decisions/routing-decision';

/** Words in the directory's language (Chinese), each code beside them so that nothing is lost in translation. */
const unit = (u: ChosenUnit) => `${u.name}（${u.code}）`;
const units = (list: ChosenUnit[]) => list.map(unit).join('、');

const SET_ASIDE: Record<SetAsideReason, string> = {
  other_area: '该条目只适用于其他区域',
  less_specific: '已有适用于本区域的更具体条目',
  no_local_unit: '找不到负责该属地的单位',
  negative_list: '该事项在社区负面清单上，不得派给社区',
  not_on_community_list: '该事项不在社区自治事项清单上，不得由社区主办',
  returned: '该单位已退回此案件，未经裁定不再派给它',
};

/** One decision in plain words: who got the case and by which rule, or why it waits for a person. */
export function explainDecision(decision: RoutingDecision): string {
  const { inputs, directoryVersion: v, lead } = decision;
  const category = `「${inputs.categoryName ?? inputs.categoryCode}」（${inputs.categoryCode}）`;
  const catalogue = `按派单目录第${v}版条目 ${decision.catalogueItem}`;
  const assisted = decision.assistants.length > 0 ? `，${units(decision.assistants)}协办` : '';
  const copied = decision.copied.length > 0 ? `，抄送${units(decision.copied)}` : '';
  const returned = decision.returns ? `${category}已被退回${decision.returns.count}次（退回单位：${decision.returns.returnedBy.join('、')}）` : category;
  const why = decision.operator ? `。指挥中心值班员 ${decision.operator.code} 的理由：${decision.operator.reason}` : '';
  switch (decision.rule) {
    case 'community_own':
      return `${category}是社区自治事项：${catalogue}，由${unit(lead!)}办理${assisted}，并告知网格 ${inputs.gridCode}${copied}。`;
    case 'department_matter':
      return `${category}属于部门职责：${catalogue}，直接派给${unit(lead!)}主办${assisted}${copied}。`;
    case 'street_matter':
      return `${category}由街道属地办理：${catalogue}，派给${unit(lead!)}主办${assisted}${copied}。`;
    case 'major_matter':
      return `${category}是重大事项，同时派给所有责任单位：${catalogue}，${unit(lead!)}主办${assisted}${copied}。`;
    case 'unknown_category':
      return `派单目录第${v}版没有类别 ${inputs.categoryCode}，待指挥中心人工分拨。`;
    case 'unknown_grid':
      return `派单目录第${v}版没有网格 ${inputs.gridCode}，待指挥中心人工分拨。`;
    case 'no_catalogue_entry':
      return `派单目录第${v}版没有适用于${category}在网格 ${inputs.gridCode} 的条目，待指挥中心人工分拨。`;
    case 'no_directory':
      return '尚未发布派单目录，待指挥中心人工分拨。';
    case 'next_candidate':
      return `${returned}，改派：${catalogue}的下一个责任单位，派给${unit(lead!)}主办${assisted}${copied}。`;
    case 'locality_fallback':
      return `${returned}，派单目录第${v}版已无其他可派单位，按属地原则派给${unit(lead!)}主办${assisted}${copied}。`;
    case 'return_limit':
      return `${returned}，已达派单目录第${v}版规定的退单次数，转指挥中心争议裁定。`;
    case 'jurisdiction_dispute':
      return `${returned}，退回单位提出管辖争议，转指挥中心争议裁定。`;
    case 'no_candidate_left':
      return `${returned}，派单目录第${v}版已无其他可派单位，转指挥中心争议裁定。`;
    case 'manual_dispatch':
      return `${category}由指挥中心人工分拨，派给${unit(lead!)}主办${assisted}${copied}${why}。`;
    case 'arbitration_ruling':
      return `${returned}，指挥中心裁定由${unit(lead!)}主办${assisted}${copied}，该单位不得再退单${why}。`;
    case 'manual_reroute':
      return `${category}由指挥中心改派给${unit(lead!)}主办${assisted}${copied}${why}。`;
  }
}

/** Why a catalogue entry or unit was considered and set aside. */
export function explainAlternative(alternative: Alternative): string {
  const who = alternative.unitCode ? `（${alternative.unitCode}）` : '';
  return `条目 ${alternative.catalogueItem}${who}未采用：${SET_ASIDE[alternative.reason]}。`;
}
