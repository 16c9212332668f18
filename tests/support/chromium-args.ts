/** Command-line flags for Debian's Chromium in every browser test (e2e, integration, interop). */

/** A quiet headless browser: no GPU, no background traffic, no QUIC. */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Fake microphone and camera, granted without a prompt, and audio that plays without a gesture. */
export const FAKE_MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
