import { ref } from 'vue';
import { describeError, type ShownError } from './api';

/**
 * What every form and consent button does: mark the page busy, clear the last error, run the work,
 * and show what went wrong in words if it throws.
 */
export function useAction() {
  const busy = ref(false);
  const error = ref<ShownError | null>(null);
  async function run(work: () => Promise<void>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      await work();
    } catch (e) {
      error.value = describeError(e);
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}
