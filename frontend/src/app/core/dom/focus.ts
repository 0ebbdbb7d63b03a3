import { afterNextRender, ElementRef, inject, Injector } from '@angular/core';

/**
 * For a component (call it in a field initialiser): a function that moves focus to the element with
 * this id inside the component once the next render has shown it.
 */
export function injectFocus(): (id: string) => void {
  const injector = inject(Injector);
  const host = inject<ElementRef<HTMLElement>>(ElementRef);
  return (id) => {
    afterNextRender(() => host.nativeElement.querySelector<HTMLElement>(`#${id}`)?.focus(), {
      injector,
    });
  };
}
