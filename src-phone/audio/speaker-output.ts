/**
 * Sends audio to the speaker the agent chose. Media elements have setSinkId in every Chromium we
 * ship on; an empty id means the system default. A device that vanished (headset unplugged) falls
 * back to the default instead of going silent.
 */
export async function routeToSpeaker(element: HTMLMediaElement, speakerId: string): Promise<boolean> {
  if (typeof element.setSinkId !== 'function') return speakerId === '';
  try {
    await element.setSinkId(speakerId);
    return true;
  } catch {
    try {
      await element.setSinkId('');
    } catch {
      // Nothing better to do: the element keeps whatever output it had.
    }
    return false;
  }
}

/** Level of an analyser's current window: RMS of the time-domain samples, 0..1. */
export function rmsLevel(analyser: AnalyserNode, buffer: Float32Array<ArrayBuffer>): number {
  analyser.getFloatTimeDomainData(buffer);
  let sum = 0;
  for (const sample of buffer) sum += sample * sample;
  return Math.min(1, Math.sqrt(sum / buffer.length));
}
