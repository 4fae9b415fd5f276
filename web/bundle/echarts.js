// The parts of ECharts that dancu's dashboard uses (charts/*.js, pages/*.js), nothing else: ECharts' own
// tree-shaking interface (https://echarts.apache.org/handbook/en/basics/import). A chart type or component not
// registered here fails loudly in the browser tests ("Component/Series ... not exists. Load it first.").
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, ScatterChart,
  AriaComponent, DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent,
  LabelLayout, CanvasRenderer,
]);

export const { init, getInstanceByDom, use, version } = echarts;
