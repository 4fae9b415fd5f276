package vn.dancu.api.bench;

public final class DisclosureBenchmark
{
    public static void main(String[] args) {}
}
