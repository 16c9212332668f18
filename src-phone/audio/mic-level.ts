/**
 * A live microphone level for the settings meter: opens the chosen microphone, analyses it with
 * WebAudio and reports an RMS level about 20 times a second until stopped. The stop function
 * releases the device (the browser's "mic in use" indicator goes off).
 */
import { err, ok, type Result } from '../../src-common/result';
import { rmsLevel } from './speaker-output';

export function microphoneConstraints(microphoneId: string): MediaStreamConstraints {
  return { audio: microphoneId ? { deviceId: { exact: microphoneId } } : true, video: false };
}

export async function watchMicrophoneLevel(mediaDevices: MediaDevices, microphoneId: string, onLevel: (level: number) => void): Promise<Result<() => void>> {
  let stream: MediaStream;
  try {
    stream = await mediaDevices.getUserMedia(microphoneConstraints(microphoneId));
  } catch (error) {
    const denied = error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError');
    return err(denied ? 'forbidden' : 'unavailable', denied ? 'Microphone access was refused.' : 'The microphone could not be opened.');
  }
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const buffer = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => onLevel(rmsLevel(analyser, buffer)), 50);
  return ok(() => {
    clearInterval(timer);
    source.disconnect();
    for (const track of stream.getTracks()) track.stop();
    void context.close();
  });
}
