import { CHANNELS, Channel } from '@gridwhistle/contracts';

export interface ChannelName {
  zh: string;
  en: string;
}

/** What people call each channel; a channel added to the contracts does not compile until it is named here. */
const CHANNEL_NAMES: Record<Channel, ChannelName> = {
  hotline: { zh: '12345热线', en: '12345 hotline' },
  grid: { zh: '网格员吹哨', en: 'Grid worker' },
  resident_web: { zh: '居民网页', en: 'Resident web' },
  resident_app: { zh: '居民端App', en: 'Resident app' },
  open311: { zh: 'Open311接口', en: 'Open311' },
};

/** The channels a case may be reported through, in the order of the contracts. */
export const ACCEPTED_CHANNELS: readonly { code: Channel; name: ChannelName }[] = CHANNELS.map((code) => ({ code, name: CHANNEL_NAMES[code] }));
