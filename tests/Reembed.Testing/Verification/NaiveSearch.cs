namespace Reembed.Testing.Verification;

/// <summary>The obvious nearest-neighbour search, in double precision, to hold the fast one to.</summary>
public static class NaiveSearch
{
    /// <summary>
    /// The <paramref name="k"/> vectors of the query's length nearest by cosine, best first (ties: smaller key),
    /// skipping non-finite and zero vectors and the key <paramref name="exclude"/>.
    /// </summary>
    public static Neighbour[] Top(IEnumerable<StoredVector> vectors, ReadOnlySpan<float> query, int k, string? exclude)
    {
        var q = query.ToArray();
        var queryNorm = Norm(q);
        return [.. vectors
            .Where(v => v.Vector.Length == q.Length && v.Key != exclude && v.Vector.All(float.IsFinite) && Norm(v.Vector) > 1e-12)
            .Select(v => new Neighbour(v.Key, (float)(Dot(q, v.Vector) / (queryNorm * Norm(v.Vector)))))
            .OrderByDescending(n => n.Score)
            .ThenBy(n => n.Key, StringComparer.Ordinal)
            .Take(k)];
    }

    /// <summary>Cosine similarity in double precision.</summary>
    public static double Cosine(float[] left, float[] right) => Dot(left, right) / (Norm(left) * Norm(right));

    private static double Dot(float[] left, float[] right)
    {
        var sum = 0.0;
        for (var i = 0; i < left.Length; i++)
        {
            sum += (double)left[i] * right[i];
        }

        return sum;
    }

    private static double Norm(float[] vector) => Math.Sqrt(Dot(vector, vector));
}
