from dashapp.cli import main

raise SystemExit(main())
