package io.github.mpota.conformance.scenario;

import java.util.List;

/**
 * One scenario of the kit: what the client does ({@link #script}) and what a board of each kind must show.
 *
 * @param id the contract section it checks, dotted ({@code 3.2}, {@code 7.1.4}); selects it on the command line
 * @param name what it proves, in a few hyphenated words
 * @param group one of auth, header, metadata, space, payload, apply, connection, timing
 * @param run {@code safe} when it cannot change the board's files or reboot it, else {@code full}
 * @param strict true when it checks a detail of how the device reads or how TCP ends the connection, which a
 *     board may differ on without any client noticing in practice; run only on request
 * @param proves the contract's sentence it checks, in a line
 * @param needs a fact about the board the scenario needs ({@code freeBytes}), or null
 * @param setup files written by a valid update before the scenario (full runs only), or null
 * @param update the header, metadata and payload the script's sends are built from, or null
 * @param script the client's actions, in order
 * @param expect what each expectation set requires
 */
public record Scenario(String id, String name, String group, String run, boolean strict, String proves, String needs,
        List<FileSpec> setup, UpdateSpec update, List<Step> script, Expectations expect) {

    public boolean full() {
        return "full".equals(run);
    }

    /** The folder under {@code conformance/} on the board that this scenario may write to. */
    public String folder() {
        return "conformance/s" + id.replace('.', '-');
    }

    @Override
    public String toString() {
        return id + " " + name;
    }
}
