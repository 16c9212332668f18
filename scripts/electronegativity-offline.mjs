// Preloaded into electronegativity (node --import): it fetches translations and Electron's
// release list from the internet on every run. Tests here use no network, so its `got` answers
// with a refusal and the tool falls back to its bundled English texts.
import Module from 'node:module';

const load = Module._load;
Module._load = function loadOffline(request, parent, isMain) {
  if (request === 'got') {
    const refuse = () => Promise.reject(new Error('network disabled for electronegativity'));
    refuse.head = refuse;
    refuse.default = refuse;
    return refuse;
  }
  return load.call(this, request, parent, isMain);
};
