import { RATINGS, Rating } from '@gridwhistle/contracts';
import { CaseView, PageResult, Refusal } from './resident-page.service';

const RATING_WORDS: Record<Rating, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };
const OUTCOME_WORDS: Record<string, string> = {
  solved_satisfied: '已解决，满意',
  solved_unsatisfied: '已解决，但不满意',
  unsolved_satisfied: '未解决',
  unsolved_unsatisfied: '未解决，不满意',
  no_feedback: '未回复',
};

const REFUSALS: Record<Refusal, { status: number; title: string; text: string }> = {
  forged: { status: 404, title: '链接无效', text: '这个链接无法识别。请使用短信中的完整链接；如有疑问，请拨打12345热线。' },
  expired: { status: 410, title: '链接已过期', text: '评价期限已过，这个链接已失效。如对办理结果有意见，请拨打12345热线。' },
  used: { status: 410, title: '链接已使用', text: '您已通过这个链接提交过评价，每个链接只能使用一次。感谢您的反馈。' },
  finished: { status: 410, title: '评价已结束', text: '这件事项的本轮评价已经结束，无需再次评价。感谢您的关注。' },
};

export interface RenderedPage {
  status: number;
  html: string;
}

/** Server-rendered pages in Chinese, readable on a phone, working without JavaScript. */
export function renderPage(result: PageResult, action: string): RenderedPage {
  switch (result.kind) {
    case 'refused': {
      const { status, title, text } = REFUSALS[result.why];
      return { status, html: layout(title, `<p>${text}</p>`) };
    }
    case 'form':
      return { status: result.errors ? 400 : 200, html: layout('办理结果评价', caseSection(result.view) + form(action, result.errors)) };
    case 'answered': {
      const next = result.closed
        ? '您的事项已办结销号。'
        : result.reopened
          ? '您的事项已退回承办单位重新办理，并提级督办，办理后会再次请您评价。'
          : '您的事项已转交指挥中心处理。';
      return { status: 200, html: layout('感谢您的评价', `<p class="ok">评价已提交。</p><p>${next}</p>`) };
    }
  }
}

/** The page shown when the page itself failed: never a stack trace. */
export function renderFailure(status: number): RenderedPage {
  const text = status === 503 ? '系统繁忙，请稍后再打开这个链接。' : '页面暂时无法打开，请稍后再试；如有疑问，请拨打12345热线。';
  return { status, html: layout('暂时无法打开', `<p>${text}</p>`) };
}

function caseSection(view: CaseView): string {
  const steps = [
    view.reportedAt && `<li><time>${day(view.reportedAt)}</time> 受理您反映的问题</li>`,
    ...view.history.flatMap((h) => [`<li><time>${day(h.answeredAt)}</time> 第${h.reopenCount + 1}次评价：${escape(OUTCOME_WORDS[h.outcome] ?? h.outcome)}</li>`, h.outcome === 'no_feedback' || h.outcome === 'solved_satisfied' ? '' : `<li>退回重新办理（重办）</li>`]),
    `<li><time>${day(view.resolvedAt)}</time> 承办单位办结${view.resolution ? `：${escape(view.resolution)}` : ''}</li>`,
  ].filter(Boolean);
  return `<section><h2>您反映的问题</h2><p>${escape(view.description ?? '（无描述）')}</p><h2>办理进度</h2><ol>${steps.join('')}</ol>
<p class="note">请在 ${day(view.expiresAt)} 前评价。</p></section>`;
}

function form(action: string, errors?: string[]): string {
  const problems = errors?.length ? `<div class="err" role="alert">${errors.map((e) => `<p>${escape(e)}</p>`).join('')}</div>` : '';
  const ratings = RATINGS.map((r) => `<label><input type="radio" name="rating" value="${r}" required> ${RATING_WORDS[r]}</label>`).join('');
  return `${problems}<form method="post" action="${escape(action)}">
<fieldset><legend>问题是否已解决？</legend><label><input type="radio" name="solved" value="yes" required> 已解决</label><label><input type="radio" name="solved" value="no"> 未解决</label></fieldset>
<fieldset><legend>您对办理结果是否满意？</legend>${ratings}</fieldset>
<label for="comment">意见或建议（选填）</label><textarea id="comment" name="comment" maxlength="500" rows="4"></textarea>
<button type="submit">提交评价</button></form>`;
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>
body{font:16px/1.6 system-ui,sans-serif;margin:0 auto;max-width:36rem;padding:1rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.2rem}fieldset{border:1px solid #ccc;margin:1rem 0;padding:.5rem 1rem}
label{display:block;padding:.4rem 0}textarea{width:100%;box-sizing:border-box}button{width:100%;padding:.8rem;font-size:1.1rem;background:#c00;color:#fff;border:0;border-radius:4px}
.err{background:#fee;border:1px solid #c00;padding:.5rem}.ok{font-weight:bold}.note{color:#555}time{color:#555;margin-right:.5em}
</style></head><body><h1>${title}</h1>${body}</body></html>`;
}

function day(date: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
