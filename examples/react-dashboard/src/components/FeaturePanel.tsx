import { type FeatureId, useFeature } from '@smart-ads/react';
import { type ReactNode, useId } from 'react';

/** A panel of an optimiser feature: its content while the feature runs, the reason while it is stopped. */
export function FeaturePanel(props: { title: string; feature: FeatureId; children: ReactNode }) {
  const id = useId();
  const availability = useFeature(props.feature);
  return (
    <section aria-labelledby={id} className="panel" data-enabled={availability.enabled}>
      <h2 id={id}>{props.title}</h2>
      {availability.enabled ? props.children : <p className="stopped">{availability.message}</p>}
    </section>
  );
}
