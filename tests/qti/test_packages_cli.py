"""`anbk packages build|verify` (D-7): an operator packages a locked panel for a session and a
proctor-server operator checks a package's signature without its key."""

from anbk.cli import main as anbk
from anbk.items import services
from tests.qti.helpers import bank_with_forms


def test_build_then_verify(world, keyring, tmp_path, capsys):
    made = bank_with_forms(world.item_author, world.item_reviewer)
    out = tmp_path / "panel.anbkpkg"
    assert anbk(["packages", "build", "--form", "num-sd-mst", "--session", "S-1",
                 "--out", str(out)]) == 1
    assert "belum dikunci" in capsys.readouterr().err
    services.form_mark_ready(actor=world.item_reviewer, form=made["panel"])
    services.form_lock(actor=world.item_reviewer, form=made["panel"])
    assert anbk(["packages", "build", "--form", "NUM-SD-MST", "--session", "S-1",
                 "--out", str(out)]) == 0
    assert anbk(["packages", "verify", str(out)]) == 0
    assert "OK: paket panel NUM-SD-MST untuk sesi S-1" in capsys.readouterr().out
    data = bytearray(out.read_bytes())
    data[40] ^= 1
    out.write_bytes(bytes(data))
    assert anbk(["packages", "verify", str(out)]) == 1
    assert "GAGAL" in capsys.readouterr().err


def test_build_names_what_is_missing(world, keyring, tmp_path, capsys):
    assert anbk(["packages", "build", "--form", "TIDAK-ADA", "--session", "S-1",
                 "--out", str(tmp_path / "x")]) == 1
    assert "tidak ada" in capsys.readouterr().err
    assert anbk(["packages", "build"]) == 2
    assert anbk(["packages", "verify", str(tmp_path / "hilang.anbkpkg")]) == 1
