"""Resource rules of POS BAB IV and VI (S-3 … S-6): computers, rooms, staff, bandwidth.

The readiness calculator, room and staff planning and session placement read these numbers;
none of them repeats a literal from here.
"""

from dataclasses import dataclass
from enum import StrEnum

from anbk.core.rules import Level


class Moda(StrEnum):
    """How a school takes the test (S-1, S-5)."""

    ONLINE = "online"
    SEMI_ONLINE = "semi_online"


@dataclass(frozen=True)
class LevelResources:
    """S-3: at most this many sessions a day; hence one client computer per that many
    participants."""

    max_sessions_per_day: int

    @property
    def participants_per_computer(self) -> int:
        return self.max_sessions_per_day


# S-3: 1 computer per 3 participants (3 sessions) at SMP/SMA/SMK level, 1 per 2 at SD level.
LEVEL_RESOURCES: dict[Level, LevelResources] = {
    Level.SD: LevelResources(max_sessions_per_day=2),
    Level.SMP: LevelResources(max_sessions_per_day=3),
    Level.SMA: LevelResources(max_sessions_per_day=3),
    Level.SMK: LevelResources(max_sessions_per_day=3),
}

# S-4: a room holds at most 15 client computers, served by one proctor server and one proctor.
ROOM_MAX_CLIENTS = 15
PROCTORS_PER_ROOM = 1
PROCTOR_SERVERS_PER_ROOM = 1
# S-4: one supervisor per 15 participants (of a session); at least one technician a school.
PARTICIPANTS_PER_SUPERVISOR = 15
MIN_TECHNICIANS_PER_SCHOOL = 1

# S-5: online needs 12 Mbps per 15 clients; semi-online at least 1 Mbps, stable.
ONLINE_MBPS_PER_ROOM = 12
SEMI_ONLINE_MIN_MBPS = 1
SWITCH_PORTS_PER_PROCTOR_SERVER = 24


@dataclass(frozen=True)
class ClientSpec:
    """S-6: the least a client computer must have."""

    cpu_cores: int = 2
    ram_gb: int = 2
    screen_inches: float = 11.6
    screen_width: int = 1024
    screen_height: int = 720
    free_disk_gb: int = 10


@dataclass(frozen=True)
class ProctorServerSpec:
    """S-6: the least a semi-online proctor server must have."""

    cpu_cores: int = 4
    cpu_ghz: float = 1.6
    ram_gb: int = 8
    network_cards: int = 2
    free_disk_gb: int = 250


CLIENT_SPEC = ClientSpec()
PROCTOR_SERVER_SPEC = ProctorServerSpec()


# S-2: resource sharing. The authority may change both per run of the suggestion engine; these
# are the defaults of its form. S-2 allows every crossing (level, school/madrasah,
# public/private), so all start allowed.
SHARING_MAX_DISTANCE_KM = 15
SHARING_MAX_DISTANCE_LIMIT_KM = 200  # beyond this a "suggestion" is no longer a daily trip
SHARING_ALLOW_CROSS_LEVEL = True
SHARING_ALLOW_CROSS_AGENCY = True
SHARING_ALLOW_CROSS_STATUS = True


@dataclass(frozen=True)
class Bounds:
    """A latitude/longitude box, in degrees."""

    south: float
    north: float
    west: float
    east: float

    def contains(self, latitude: float, longitude: float) -> bool:
        return (self.south <= latitude <= self.north) and (self.west <= longitude <= self.east)


# Indonesia's extent (Rondo island to the PNG border, Sabang to Rote), with a small margin.
# A school in Indonesia whose coordinates fall outside it has a typing error (swapped or
# unsigned latitude); SILN schools are abroad by definition.
INDONESIA_BOUNDS = Bounds(south=-11.2, north=6.3, west=94.7, east=141.2)
EARTH_RADIUS_KM = 6371.0088
