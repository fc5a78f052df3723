namespace Reembed.Tests.Verification;

/// <summary>
/// Bytes recorded from the hand-written writer (commit 4e6ad14) for the hand-built samples; not to be regenerated
/// from the code under test.
/// </summary>
public partial class VerifyReportJsonGoldenTests
{
    private const string EdgesStored =
        """"{"passed":false,"jobId":"job \u0022edge\u0022 \\ /","at":"2025-03-04T05:06:07.12345+05:30","candidate":"sqlite C:\\data\\v.db table \u003Cvectors\u003E \u0026 \u0027x\u0027 \u2014 \u00E9 \u2265 \uD83D\uDE00 \u0001\t\n\u2028","baseline":"memory live","space":{"id":"0123456789abcdef","description":"test/new dims=4 norm=l2 \u0022quoted\u0022 \u002B"},"baselineSpaceId":"old-space","checks":[{"name":"missing","group":"structure","value":3,"threshold":"= 0","passed":false,"detail":"3 missing (1 in the failures ledger); first: a\u0022b, \u00FC"},{"name":"selfHitRate","group":"quality","value":null,"threshold":"\u2265 0.9","passed":false,"detail":null},{"name":"goldenRecallVsOld","group":"quality","value":null,"threshold":"\u2265 0.95 \u00D7 old = 0.871","passed":true,"detail":""},{"name":"overlapAtK","group":"quality","value":0.95,"threshold":"\u2265 0.80","passed":true,"detail":null}],"metrics":{"structure":{"sourceRecords":9223372036854775807,"targetVectors":-9223372036854775808,"missing":3,"missingSample":["a\u0022b","\u00FC",""],"missingLedgered":1,"extra":0,"duplicateKeys":2,"dimensions":2147483647,"wrongDimensions":-2147483648,"nonFinite":1,"zeroVectors":0,"spaceIds":["0123456789abcdef","old-space"],"norms":{"count":3,"min":-0,"max":1.7976931348623157E+308,"mean":1,"p05":5E-324,"median":0.1,"p95":1E-07,"histogram":[{"lower":-0,"upper":0.1,"count":1},{"lower":0.1,"upper":null,"count":2},{"lower":null,"upper":null,"count":0}]}},"quality":{"sampleSize":3,"k":2,"seed":-42,"search":"exact","overlap":null,"selfHitRate":null,"selfMeanRank":null,"newTopScores":{"count":0,"min":null,"max":null,"mean":null,"p05":null,"median":null,"p95":null,"histogram":[]},"oldTopScores":{"count":4,"min":0.3333333333333333,"max":0.6666666666666666,"mean":0.30000000000000004,"p05":123456789012345.6,"median":1E+21,"p95":1.5E-300,"histogram":[{"lower":0.3333333333333333,"upper":0.6666666666666666,"count":4}]},"golden":[{"side":"new","queries":3,"k":2,"recallAtK":0.75,"mrr":null,"ndcgAtK":1},{"side":"old","queries":0,"k":0,"recallAtK":null,"mrr":0,"ndcgAtK":-1.5}]}}}"""";

    private const string EdgesPrinted =
        """"
        {
          "passed": false,
          "jobId": "job \"edge\" \\ /",
          "at": "2025-03-04T05:06:07.12345+05:30",
          "candidate": "sqlite C:\\data\\v.db table <vectors> & 'x' — é ≥ \uD83D\uDE00 \u0001\t\n\u2028",
          "baseline": "memory live",
          "space": {
            "id": "0123456789abcdef",
            "description": "test/new dims=4 norm=l2 \"quoted\" +"
          },
          "baselineSpaceId": "old-space",
          "checks": [
            {
              "name": "missing",
              "group": "structure",
              "value": 3,
              "threshold": "= 0",
              "passed": false,
              "detail": "3 missing (1 in the failures ledger); first: a\"b, ü"
            },
            {
              "name": "selfHitRate",
              "group": "quality",
              "value": null,
              "threshold": "≥ 0.9",
              "passed": false,
              "detail": null
            },
            {
              "name": "goldenRecallVsOld",
              "group": "quality",
              "value": null,
              "threshold": "≥ 0.95 × old = 0.871",
              "passed": true,
              "detail": ""
            },
            {
              "name": "overlapAtK",
              "group": "quality",
              "value": 0.95,
              "threshold": "≥ 0.80",
              "passed": true,
              "detail": null
            }
          ],
          "metrics": {
            "structure": {
              "sourceRecords": 9223372036854775807,
              "targetVectors": -9223372036854775808,
              "missing": 3,
              "missingSample": [
                "a\"b",
                "ü",
                ""
              ],
              "missingLedgered": 1,
              "extra": 0,
              "duplicateKeys": 2,
              "dimensions": 2147483647,
              "wrongDimensions": -2147483648,
              "nonFinite": 1,
              "zeroVectors": 0,
              "spaceIds": [
                "0123456789abcdef",
                "old-space"
              ],
              "norms": {
                "count": 3,
                "min": -0,
                "max": 1.7976931348623157E+308,
                "mean": 1,
                "p05": 5E-324,
                "median": 0.1,
                "p95": 1E-07,
                "histogram": [
                  {
                    "lower": -0,
                    "upper": 0.1,
                    "count": 1
                  },
                  {
                    "lower": 0.1,
                    "upper": null,
                    "count": 2
                  },
                  {
                    "lower": null,
                    "upper": null,
                    "count": 0
                  }
                ]
              }
            },
            "quality": {
              "sampleSize": 3,
              "k": 2,
              "seed": -42,
              "search": "exact",
              "overlap": null,
              "selfHitRate": null,
              "selfMeanRank": null,
              "newTopScores": {
                "count": 0,
                "min": null,
                "max": null,
                "mean": null,
                "p05": null,
                "median": null,
                "p95": null,
                "histogram": []
              },
              "oldTopScores": {
                "count": 4,
                "min": 0.3333333333333333,
                "max": 0.6666666666666666,
                "mean": 0.30000000000000004,
                "p05": 123456789012345.6,
                "median": 1E+21,
                "p95": 1.5E-300,
                "histogram": [
                  {
                    "lower": 0.3333333333333333,
                    "upper": 0.6666666666666666,
                    "count": 4
                  }
                ]
              },
              "golden": [
                {
                  "side": "new",
                  "queries": 3,
                  "k": 2,
                  "recallAtK": 0.75,
                  "mrr": null,
                  "ndcgAtK": 1
                },
                {
                  "side": "old",
                  "queries": 0,
                  "k": 0,
                  "recallAtK": null,
                  "mrr": 0,
                  "ndcgAtK": -1.5
                }
              ]
            }
          },
          "reportPath": "/tmp/out dir/verify-job ü.html",
          "exitCode": 1
        }
        """";

    private const string BareStored =
        """"{"passed":true,"jobId":null,"at":"1970-01-01T00:00:00+00:00","candidate":"c","baseline":null,"space":{"id":"s","description":"d"},"baselineSpaceId":null,"checks":[],"metrics":{"structure":{"sourceRecords":0,"targetVectors":0,"missing":0,"missingSample":[],"missingLedgered":0,"extra":0,"duplicateKeys":0,"dimensions":0,"wrongDimensions":0,"nonFinite":0,"zeroVectors":0,"spaceIds":[],"norms":{"count":0,"min":null,"max":null,"mean":null,"p05":null,"median":null,"p95":null,"histogram":[]}},"quality":null}}"""";

    private const string BarePrinted =
        """"
        {
          "passed": true,
          "jobId": null,
          "at": "1970-01-01T00:00:00+00:00",
          "candidate": "c",
          "baseline": null,
          "space": {
            "id": "s",
            "description": "d"
          },
          "baselineSpaceId": null,
          "checks": [],
          "metrics": {
            "structure": {
              "sourceRecords": 0,
              "targetVectors": 0,
              "missing": 0,
              "missingSample": [],
              "missingLedgered": 0,
              "extra": 0,
              "duplicateKeys": 0,
              "dimensions": 0,
              "wrongDimensions": 0,
              "nonFinite": 0,
              "zeroVectors": 0,
              "spaceIds": [],
              "norms": {
                "count": 0,
                "min": null,
                "max": null,
                "mean": null,
                "p05": null,
                "median": null,
                "p95": null,
                "histogram": []
              }
            },
            "quality": null
          },
          "reportPath": "/tmp/out dir/verify-job ü.html",
          "exitCode": 1
        }
        """";
}
