import { SallyportMark } from './sallyport-mark';

export function Brand() {
  return (
    <div className="brand">
      <SallyportMark />
      <span className="brand-name">Sallyport</span>
    </div>
  );
}
