from ccxt_cancel.cli import main

main()
