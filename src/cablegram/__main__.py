"""``python -m cablegram``: the same CLI as the ``cablegram`` script."""

from cablegram.cli import main

main()
