namespace Surveys.Sms;

public enum SmsEncoding { Gsm7, Ucs2 }

/// <summary>How a text travels: its encoding, its length in that encoding's units, and the segments billed.</summary>
public readonly record struct SmsSize(SmsEncoding Encoding, int Units, int Segments);

/// <summary>
/// Segment counting per 3GPP TS 23.038: text entirely in the GSM-7 default alphabet (extension
/// characters cost two septets) fits 160 septets in one segment, 153 per segment when
/// concatenated; anything else is sent as UCS-2: 70 UTF-16 units, 67 per concatenated segment.
/// An escape pair or a surrogate pair is never split across segments, as handsets require.
/// </summary>
public static class SmsSegments
{
    const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    const string Extension = "\f^{}\\[~]|€";

    public static bool IsGsm7(string text) => text.All(c => Basic.Contains(c) || Extension.Contains(c));

    public static SmsSize Measure(string text) => IsGsm7(text) ? MeasureGsm7(text) : MeasureUcs2(text);

    static SmsSize MeasureGsm7(string text)
    {
        var units = text.Sum(c => Extension.Contains(c) ? 2 : 1);
        if (units <= 160) return new(SmsEncoding.Gsm7, units, units == 0 ? 0 : 1);
        int segments = 1, used = 0;
        foreach (var c in text)
        {
            var cost = Extension.Contains(c) ? 2 : 1;
            if (used + cost > 153) { segments++; used = 0; }
            used += cost;
        }
        return new(SmsEncoding.Gsm7, units, segments);
    }

    static SmsSize MeasureUcs2(string text)
    {
        if (text.Length <= 70) return new(SmsEncoding.Ucs2, text.Length, 1);
        int segments = 1, used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var cost = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + cost > 67) { segments++; used = 0; }
            used += cost;
            i += cost - 1;
        }
        return new(SmsEncoding.Ucs2, text.Length, segments);
    }
}
