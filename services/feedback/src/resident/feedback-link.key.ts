/** The key that signs residents' feedback links (FEEDBACK_LINK_KEY, shared with intake). */
export class FeedbackLinkKey {
  readonly bytes: Buffer;

  constructor(base64: string) {
    this.bytes = Buffer.from(base64, 'base64');
  }
}
