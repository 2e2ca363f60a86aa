// The QR code of an otpauth URI as a plain matrix, so the renderer can draw it without a library
// and without HTML injection.
import QRCode from 'qrcode';

export function qrMatrix(text: string): { size: number; modules: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  let bits = '';
  for (let i = 0; i < modules.data.length; i += 1) bits += modules.data[i] ? '1' : '0';
  return { size: modules.size, modules: bits };
}
