package io.github.mpota.core.reliability;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.mpota.core.auth.Challenge;
import io.github.mpota.core.auth.ChallengeSequence;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A device's challenges never repeat: 4 random bytes drawn independently would (the birthday bound gives a repeat
 * with probability about 69% within 100,000 challenges), so the device draws them from a keyed permutation.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChallengeSequenceTest {

    @Test
    void aHundredThousandChallengesAreWellFormedAndAllDifferent() {
        distinct(100_000);
    }

    @Test
    @Tag("campaign")
    void twoMillionChallengesAreAllDifferent() {
        distinct(2_000_000);
    }

    @Test
    void twoDevicesDoNotShareTheirSequence() {
        ChallengeSequence a = new ChallengeSequence(new SecureRandom());
        ChallengeSequence b = new ChallengeSequence(new SecureRandom());
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            if (a.next().equals(b.next())) {
                same++;
            }
        }
        assertTrue(same < 3, same + " equal challenges at the same positions of two devices");
    }

    @Test
    void consecutiveChallengesDoNotFollowTheCounter() {
        ChallengeSequence s = new ChallengeSequence(new SecureRandom());
        long first = Long.parseLong(s.next(), 16);
        long second = Long.parseLong(s.next(), 16);
        assertNotEquals(first + 1, second);
    }

    private static void distinct(int n) {
        ChallengeSequence s = new ChallengeSequence(new SecureRandom());
        Set<Integer> seen = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            String c = s.next();
            if (!Challenge.isWellFormed(c)) {
                fail("challenge " + i + " is not 8 lowercase hex characters: " + c);
            }
            if (!seen.add((int) Long.parseLong(c, 16))) {
                fail("challenge " + c + " repeated at " + i);
            }
        }
    }
}
