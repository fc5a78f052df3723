using System.Numerics;
using System.Runtime.InteropServices;

namespace Reembed;

/// <summary>The few vector operations verification needs, vectorised with <see cref="Vector{T}"/>.</summary>
internal static class VectorMath
{
    /// <summary>Below this L2 norm a vector is treated as zero: it has no direction to compare.</summary>
    public const double ZeroNorm = 1e-12;

    public static float Dot(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException("The vectors differ in length.", nameof(right));
        }

        var width = Vector<float>.Count;
        var accumulator = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated && left.Length >= width)
        {
            var leftVectors = MemoryMarshal.Cast<float, Vector<float>>(left);
            var rightVectors = MemoryMarshal.Cast<float, Vector<float>>(right);
            for (var v = 0; v < leftVectors.Length; v++)
            {
                accumulator += leftVectors[v] * rightVectors[v];
            }

            i = leftVectors.Length * width;
        }

        var sum = Vector.Sum(accumulator);
        for (; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }

        return sum;
    }

    /// <summary>The L2 norm in double precision, or NaN when a component is NaN or infinite.</summary>
    public static double Norm(ReadOnlySpan<float> vector)
    {
        var sum = 0.0;
        foreach (var value in vector)
        {
            if (!float.IsFinite(value))
            {
                return double.NaN;
            }

            sum += (double)value * value;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Writes <paramref name="vector"/> scaled to unit length; false (nothing written) when it is non-finite or zero.</summary>
    public static bool TryNormalize(ReadOnlySpan<float> vector, Span<float> destination)
    {
        var norm = Norm(vector);
        if (!double.IsFinite(norm) || norm < ZeroNorm)
        {
            return false;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            destination[i] = (float)(vector[i] / norm);
        }

        return true;
    }
}
