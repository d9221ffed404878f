package io.github.mpota.conformance.scenario;

/** A scenario's expectation per set; {@code both} stands for the two when they agree. */
public record Expectations(Expectation both, Expectation upstream, Expectation hardened) {

    public Expectation of(ExpectationSet set) {
        Expectation e = set == ExpectationSet.UPSTREAM ? upstream : hardened;
        return e != null ? e : both;
    }
}
