using QRCoder;

namespace Surveys.Api.Events;

/// <summary>
/// The survey link as a QR code (QRCoder, MIT). Error correction Q: a printed code still scans
/// with a quarter of it smudged or covered by a thumb, and a short link keeps the modules large.
/// </summary>
public static class EventQr
{
    static QRCodeData Data(string link)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.Q);
    }

    public static string Svg(string link)
    {
        using var data = Data(link);
        return new SvgQRCode(data).GetGraphic(10, "#000000", "#ffffff", drawQuietZones: true);
    }

    public static byte[] Png(string link)
    {
        using var data = Data(link);
        return new PngByteQRCode(data).GetGraphic(10, drawQuietZones: true);
    }
}
