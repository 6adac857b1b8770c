package org.hearthhub.console;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as the pieces of an SVG image: its side in modules (quiet zone included) and one path of
 * unit squares. Drawn on the server so the page needs no script and nothing leaves the hub.
 */
public record QrSvg(int size, String path) {
    private static final int QUIET_ZONE = 4;

    static QrSvg of(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return new QrSvg(qr.size + 2 * QUIET_ZONE, path.toString());
    }
}
