# The constants of the socket OTA wire contract (PROTOCOL.md, v1), named after its terms.
# They mirror io.github.mpota.core.protocol.Protocol so that both sides speak the same contract.

PORT = 8266

# Transport: the device's timeout on every receive and send of a connection, in seconds.
TIMEOUT = 10

# Our server's deadlines per phase (docs/PROTOCOL.md, "Hardened devices"), in milliseconds: the timeout above
# restarts with every byte, so a client that sends a byte every 8 s would hold the board for as long as it likes.
# Each response must be whole within AUTH_DEADLINE_MS of its challenge; the length header and the metadata within
# HEADER_DEADLINE_MS of the OK of step 3, plus the metadata's length at FLOOR_BYTES_PER_S; the payload within
# PAYLOAD_DEADLINE_MS of the OK of step 7, plus compressed_size at FLOOR_BYTES_PER_S.
AUTH_DEADLINE_MS = 10000
HEADER_DEADLINE_MS = 10000
PAYLOAD_DEADLINE_MS = 10000
FLOOR_BYTES_PER_S = 1024

# Step 11: the pause between closing the connection and the reset, in milliseconds.
REBOOT_DELAY_MS = 500

# Step 1: 4 random bytes, hexlified to 8 lowercase hex characters.
CHALLENGE_BYTES = 4
CHALLENGE_LENGTH = CHALLENGE_BYTES * 2

# Step 2: hex SHA-256 digest of challenge + password.
RESPONSE_LENGTH = 64

# Protocol v2 (docs/PROTOCOL.md): a client that speaks it sends, in place of the response, these 16 bytes and its
# nonce as 48 lowercase hex characters. Everything else of v2 is in v2.py, imported only when a v2 session starts.
V2_OPENING = b"OTA protocol v2 "

# Step 3: attempts per connection before the device closes without another word.
MAX_AUTH_ATTEMPTS = 3

# Step 4: the metadata length field, '%10d'.
LENGTH_HEADER_SIZE = 10

# Our bound on the metadata length; the reference has none.
MAX_METADATA_SIZE = 1024 * 1024

# Step 9: one raw deflate stream with a 32 KiB window.
DEFLATE_WINDOW_BITS = 15

# Our devices' own folder inside the root (the Java device's is the same): updates are staged there and metadata
# may not name it.
WORK_DIR = ".ota"

# The server's settings file in the root (settings.py), which the Java device runtime reads there too.
CONFIG_FILE = "ota_config.json"

# The list of files that v2 updates installed (docs/PROTOCOL.md, "Manifest"), in the root, as the Java device keeps
# it: no update may write it.
INSTALLED_LIST = ".ota_installed.json"

# Metadata keys (step 6).
KEY_COMPRESSED_SIZE = "compressed_size"
KEY_TOTAL_UNCOMPRESSED = "total_uncompressed"
KEY_FILES = "files"
KEY_PATH = "path"
KEY_SIZE = "size"

# Extension "content digest" (docs/PROTOCOL.md): optional, the lowercase hex SHA-256 of every file's bytes
# concatenated in the order of "files". Old devices ignore it; without it nothing is checked.
KEY_CONTENT_SHA256 = "content_sha256"
CONTENT_SHA256_LENGTH = 64

# The words the device sends (steps 3, 5, 7, 8 and 11).
OK = b"OK"
AUTH_FAIL = b"AUTH_FAIL"
FAIL = b"FAIL"
UPDATE_SUCCESS = b"UPDATE_SUCCESS"


class UpdateError(Exception):
    # An error of steps 4-10: the device answers FAIL and closes. The message is for the log.
    pass


class ConnectionCut(Exception):
    # The client closed the connection (or it timed out) before a message was complete.
    pass


class Metadata:
    # The metadata of step 6, as metadata.parse validated it.
    def __init__(self, compressed_size, total_uncompressed, files, content_sha256=None, extra=None):
        self.compressed_size = compressed_size
        self.total_uncompressed = total_uncompressed
        self.files = files  # [(path, size)], in payload order
        # Lowercase hex SHA-256 of the content (extension "content digest"), or None: nothing to check.
        self.content_sha256 = content_sha256
        # The raw values of the keys that the caller asked parse() to keep (a v2 update's "delete" and "reboot").
        self.extra = extra or {}
