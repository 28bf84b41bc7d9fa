/** jsdom has no ResizeObserver; Fluent's MessageBar observes its own size to reflow. Nothing resizes in jsdom. */
class NoResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

globalThis.ResizeObserver ??= NoResizeObserver;
