import { useTranslation } from 'react-i18next';
import type { Channel } from '../../src-common/domain';

const ICON_PATHS: Record<Channel, string> = {
  voice:
    'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.6a1 1 0 0 1-.25 1z',
  chat: 'M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H8l-4 4V5a1 1 0 0 1 1-1z',
  email: 'M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2.2V17h16V7.2l-8 5.3z',
};

/** Icon plus a text label: the channel is never told by colour or shape alone. */
export function ChannelBadge({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return (
    <span className={`channel channel-${channel}`}>
      <svg className="channel-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d={ICON_PATHS[channel]} />
      </svg>
      <span className="channel-label">{t(`channels.${channel}`)}</span>
    </span>
  );
}
