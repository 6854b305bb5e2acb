// Reference harness for `historybot bench`: the same corpus, passages and queries on Apache Lucene 4.10 (Java),
// EnglishAnalyzer + BM25, one passage per paragraph (the title line of a file is not a passage), top 10 with stored text,
// every query once as warm-up and once timed, single thread. Prints one JSON object with the bench command's names.
//
// Build: javac -cp "/usr/share/java/lucene-core-4.10.4.jar:/usr/share/java/lucene-analyzers-common-4.10.4.jar:/usr/share/java/lucene-queryparser-4.10.4.jar" LuceneBench.java
// Run:   java -cp ".:<same jars>" LuceneBench CORPUS_DIR QUERIES_FILE INDEX_DIR

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.*;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public final class LuceneBench {
    public static void main(String[] args) throws Exception {
        Path corpus = Paths.get(args[0]);
        Path queriesFile = Paths.get(args[1]);
        Path indexDir = Paths.get(args[2]);
        Analyzer analyzer = new EnglishAnalyzer();

        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(Files::isRegularFile)
                .filter(p -> { String n = p.getFileName().toString().toLowerCase(Locale.ROOT); return n.endsWith(".txt") || n.endsWith(".md"); })
                .sorted().collect(Collectors.toList());
        }

        long t0 = System.nanoTime();
        int passages = 0;
        try (FSDirectory dir = FSDirectory.open(indexDir.toFile())) {
            IndexWriterConfig config = new IndexWriterConfig(Version.LUCENE_4_10_4, analyzer);
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            config.setSimilarity(new BM25Similarity());
            config.setRAMBufferSizeMB(256);
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (Path file : files) {
                    String rel = corpus.relativize(file).toString();
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    List<String> blocks = blocks(text);
                    int ordinal = 0;
                    for (int i = 0; i < blocks.size(); i++) {
                        String block = blocks.get(i);
                        if (i == 0 && looksLikeTitle(block)) {
                            continue;
                        }
                        Document doc = new Document();
                        doc.add(new StringField("id", rel + "#" + ordinal++, Field.Store.YES));
                        doc.add(new TextField("text", block, Field.Store.YES));
                        writer.addDocument(doc);
                        passages++;
                    }
                }
                writer.commit();
            }
        }
        double indexSeconds = (System.nanoTime() - t0) / 1e9;
        long indexBytes = 0;
        try (Stream<Path> walk = Files.list(indexDir)) {
            for (Path p : walk.collect(Collectors.toList())) {
                indexBytes += Files.size(p);
            }
        }

        List<String> queries = new ArrayList<>();
        for (String line : Files.readAllLines(queriesFile, StandardCharsets.UTF_8)) {
            String q = line.substring(line.lastIndexOf('\t') + 1).trim();
            if (!q.isEmpty()) {
                queries.add(q);
            }
        }

        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir.toFile()))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            QueryParser parser = new QueryParser(Version.LUCENE_4_10_4, "text", analyzer);
            long sink = 0;
            for (String q : queries) {
                sink += runOne(searcher, parser, q);
            }
            double[] times = new double[queries.size()];
            long start = System.nanoTime();
            for (int i = 0; i < queries.size(); i++) {
                long s = System.nanoTime();
                sink += runOne(searcher, parser, queries.get(i));
                times[i] = (System.nanoTime() - s) / 1e6;
            }
            double total = (System.nanoTime() - start) / 1e9;
            Arrays.sort(times);
            System.out.println(String.format(Locale.ROOT,
                "{\"passages\":%d,\"indexSeconds\":%.3f,\"passagesPerSecond\":%.1f,\"indexBytes\":%d,\"p50Ms\":%.4f,\"p95Ms\":%.4f,\"p99Ms\":%.4f,\"queriesPerSecond\":%.1f,\"peakWorkingSetBytes\":%d,\"sink\":%d}",
                passages, indexSeconds, passages / indexSeconds, indexBytes, pct(times, 0.50), pct(times, 0.95), pct(times, 0.99),
                queries.size() / total, peakRss(), sink % 1000));
        }
    }

    private static long runOne(IndexSearcher searcher, QueryParser parser, String q) throws IOException {
        Query query;
        try {
            query = parser.parse(QueryParser.escape(q));
        } catch (ParseException e) {
            return 0;
        }
        TopDocs top = searcher.search(query, 10);
        long sink = 0;
        for (ScoreDoc sd : top.scoreDocs) {
            sink += searcher.doc(sd.doc).get("text").length();
        }
        return sink;
    }

    private static double pct(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static long peakRss() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    /** Runs of non-blank lines, trimmed. */
    private static List<String> blocks(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.isEmpty()) {
                if (current.length() > 0) { blocks.add(current.toString()); current.setLength(0); }
            } else {
                if (current.length() > 0) current.append('\n');
                current.append(t);
            }
        }
        if (current.length() > 0) blocks.add(current.toString());
        return blocks;
    }

    /** A single short line with no final sentence punctuation (HistoryBot's heading rule). */
    private static boolean looksLikeTitle(String block) {
        if (block.isEmpty() || block.length() > 100 || block.contains("\n")) return false;
        char last = block.charAt(block.length() - 1);
        if (".!?:;,\"')\u201d\u2019\u2026".indexOf(last) >= 0) return false;
        return block.split(" +").length <= 12 && block.chars().anyMatch(Character::isLetter);
    }
}
