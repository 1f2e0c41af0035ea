import { Injectable } from '@nestjs/common';
import { LiveBus, type LiveListener, type LiveMessage } from './live-bus';

/** The single process's LiveBus: listeners by user, called synchronously on publish. */
@Injectable()
export class InProcessLiveBus extends LiveBus {
  private readonly listeners = new Map<number, Set<LiveListener>>();

  publish(message: LiveMessage): Promise<void> {
    this.deliver(message);
    return Promise.resolve();
  }

  /** Hands a message to this process's listeners (also what a Redis subscriber calls). */
  deliver(message: LiveMessage): void {
    for (const listener of this.listeners.get(message.userId) ?? []) {
      try {
        listener(message);
      } catch {
        // One broken stream must not keep the message from the others.
      }
    }
  }

  subscribe(userId: number, listener: LiveListener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  /** How many listeners `userId` has in this process. */
  listenersOf(userId: number): number {
    return this.listeners.get(userId)?.size ?? 0;
  }

  /** How many listeners are attached (for metrics and tests). */
  get listenerCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }
}
