using System.Globalization;

namespace Reembed.Testing.Png;

/// <summary>An opaque colour, as CSS writes it (<c>#1a7f37</c>).</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Parse(string hex)
    {
        var digits = hex.StartsWith('#') ? hex[1..] : hex;
        if (digits.Length != 6 || !uint.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"not a #rrggbb colour: '{hex}'");
        }

        return new Rgb((byte)(value >> 16), (byte)(value >> 8), (byte)value);
    }

    public override string ToString() => $"#{R:x2}{G:x2}{B:x2}";
}
